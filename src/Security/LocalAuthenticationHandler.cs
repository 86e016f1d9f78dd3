using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace TaskWatch.Security;

/// <summary>A request that is not exposed (<see cref="IAccessPolicy"/>) is the machine's own user, with every role.</summary>
public sealed class LocalAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(
        AccessClaims.Create(AccessClaims.LocalName, AccessRoles.Admin, AccessClaims.ViaLocal, AccessSchemes.Local, time.GetUtcNow()), AccessSchemes.Local)));
}
