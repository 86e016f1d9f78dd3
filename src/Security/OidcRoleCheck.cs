using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace TaskWatch.Security;

/// <summary>
/// Asks the identity provider, at most every <see cref="OidcOptions.RoleCheckInterval"/> per session, whether a
/// signed-in user still has their role (its userinfo endpoint, with the access token kept here in memory, never in
/// the cookie). A role taken away or changed ends the session: the cookie is refused and an open circuit loses its
/// controls. When the provider cannot be asked (down, token expired, another instance made the session) the session
/// holds until its lifetime ends: the provider being down must not sign everyone out.
/// </summary>
public sealed partial class OidcRoleCheck(
    IOptions<OidcOptions> options, IOptionsMonitor<OpenIdConnectOptions> handlerOptions, IHttpClientFactory httpFactory, TimeProvider time, ILogger<OidcRoleCheck> logger)
{
    public const string HttpClientName = "oidc-userinfo";

    private readonly ConcurrentDictionary<string, (string AccessToken, string? Role, DateTimeOffset Checked)> _sessions = new();

    public void Remember(ClaimsPrincipal user, string accessToken)
    {
        if (user.FindFirst(AccessClaims.Session)?.Value is { } session)
        {
            _sessions[session] = (accessToken, AccessClaims.RoleOf(user), time.GetUtcNow());
        }
    }

    public void Forget(ClaimsPrincipal user)
    {
        if (user.FindFirst(AccessClaims.Session)?.Value is { } session)
        {
            _sessions.TryRemove(session, out _);
        }
    }

    public async Task<bool> StillHoldsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || user.FindFirst(AccessClaims.Session)?.Value is not { } session || !_sessions.TryGetValue(session, out var known))
        {
            return true;
        }

        var role = AccessClaims.RoleOf(user);
        if (time.GetUtcNow() - known.Checked < options.Value.RoleCheckInterval)
        {
            return known.Role == role;
        }

        var current = await AskAsync(known.AccessToken, cancellationToken).ConfigureAwait(false);
        if (current is not { } answer)
        {
            _sessions[session] = known with { Checked = time.GetUtcNow() };
            return known.Role == role;
        }

        _sessions[session] = known with { Role = answer.Role, Checked = time.GetUtcNow() };
        if (answer.Role != role)
        {
            LogRoleChanged(logger, user.Identity?.Name, role, answer.Role ?? "none");
        }

        return answer.Role == role;
    }

    /// <summary>The role the provider gives now (Role null: none, refused), or null when it could not be asked.</summary>
    private async Task<(string? Role, bool Asked)?> AskAsync(string accessToken, CancellationToken cancellationToken)
    {
        try
        {
            var handler = handlerOptions.Get(AccessSchemes.Oidc);
            var configuration = await handler.ConfigurationManager!.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(configuration.UserInfoEndpoint))
            {
                return null;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, configuration.UserInfoEndpoint);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var response = await httpFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LogCannotAsk(logger, (int)response.StatusCode);
                return null;
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
            var claims = new List<Claim>();
            if (json.RootElement.TryGetProperty(options.Value.RoleClaim, out var roles))
            {
                if (roles.ValueKind == JsonValueKind.Array)
                {
                    claims.AddRange(roles.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => new Claim(options.Value.RoleClaim, r.GetString()!)));
                }
                else if (roles.ValueKind == JsonValueKind.String)
                {
                    claims.Add(new Claim(options.Value.RoleClaim, roles.GetString()!));
                }
            }

            return (OidcRoleMapping.RoleFor(claims, options.Value), true);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogCannotAsk(logger, 0);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The identity provider now gives {User} the role {Now} (was {Was}): the session ends")]
    private static partial void LogRoleChanged(ILogger logger, string? user, string? was, string now);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not ask the identity provider for a user's role (HTTP {Status}; 0: no answer); the session holds")]
    private static partial void LogCannotAsk(ILogger logger, int status);
}
