using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace TaskWatch.Security;

/// <summary>
/// <c>TaskWatch:Access:TrustedUserHeader</c>: the user a known proxy vouches for (only chosen for a request whose
/// peer is in <c>KnownProxies</c>: <see cref="AccessSchemes.Select"/>), with <c>TrustedUserRole</c>.
/// </summary>
public sealed class ProxyUserAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<AccessOptions> access, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = access.Value.TrustedUserHeader;
        var user = string.IsNullOrWhiteSpace(header) || !RequestOrigin.Of(Context).FromKnownProxy ? string.Empty : Request.Headers[header].ToString().Trim();
        if (user.Length is 0 or > 256)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var role = AccessRoles.Parse(access.Value.TrustedUserRole) ?? AccessRoles.Operator;
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(
            AccessClaims.Create(user, role, AccessClaims.ViaProxy, AccessSchemes.ProxyUser, time.GetUtcNow()), AccessSchemes.ProxyUser)));
    }
}
