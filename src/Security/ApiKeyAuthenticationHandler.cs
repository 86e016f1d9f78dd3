using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace TaskWatch.Security;

/// <summary>
/// <c>X-Api-Key</c> on an exposed request: the configured key it is, with the role of its scope. A wrong key is
/// logged (the client's address, never the key) and counted by <see cref="FailedAttemptThrottle"/>; challenges and
/// refusals are problem+json naming the header or the role.
/// </summary>
public sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeyVerifier keys, FailedAttemptThrottle throttle, IAccessEvents events, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[AccessPolicy.ApiKeyHeader].ToString();
        if (presented.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (keys.Verify(presented) is { } key)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(
                AccessClaims.Create(key.Name, key.Role, AccessClaims.ViaKey, AccessSchemes.ApiKey, time.GetUtcNow()), AccessSchemes.ApiKey));
        }

        throttle.Failed(Context.Connection.RemoteIpAddress);
        LogRefused(Logger, Context.Connection.RemoteIpAddress?.ToString(), Request.Method, Request.Path);
        await events.KeyRefusedAsync(Context).ConfigureAwait(false);
        return AuthenticateResult.Fail($"The {AccessPolicy.ApiKeyHeader} header does not match any configured key.");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => AccessProblems.Unauthorized(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AccessProblems.Forbidden(Context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an API key from {Client} ({Method} {Path}): it matches no configured key")]
    private static partial void LogRefused(ILogger logger, string? client, string method, string path);
}
