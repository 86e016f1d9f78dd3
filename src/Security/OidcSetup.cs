using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace TaskWatch.Security;

/// <summary>
/// The OpenID Connect handler as TaskWatch uses it: authorization code with PKCE, the answer in the query (a top-level
/// GET, so Lax cookies come along on plain-HTTP loopback too), claims from userinfo, and on return one TaskWatch user
/// (name, mapped role, subject) in the cookie: no token in the cookie (the access token stays in memory for
/// <see cref="OidcRoleCheck"/>). A failure at the provider goes back to the sign-in page with a fixed message.
/// </summary>
public static partial class OidcSetup
{
    public const string CallbackPath = "/signin-oidc";

    public static void Configure(OpenIdConnectOptions o, OidcOptions oidc)
    {
        o.Authority = oidc.Authority;
        o.ClientId = oidc.ClientId;
        o.ClientSecret = string.IsNullOrEmpty(oidc.ClientSecret) ? null : oidc.ClientSecret;
        o.RequireHttpsMetadata = new Uri(oidc.Authority!).Scheme == Uri.UriSchemeHttps;
        o.ResponseType = "code";
        o.ResponseMode = "query";
        o.UsePkce = true;
        o.SignInScheme = AccessSchemes.Cookie;
        o.CallbackPath = CallbackPath;
        o.SaveTokens = true;
        o.GetClaimsFromUserInfoEndpoint = true;
        o.MapInboundClaims = false;
        o.Scope.Clear();
        o.Scope.Add("openid");
        foreach (var scope in oidc.Scopes.Count == 0 ? ["profile"] : oidc.Scopes)
        {
            o.Scope.Add(scope);
        }

        o.ClaimActions.MapJsonKey(oidc.RoleClaim, oidc.RoleClaim);
        o.ClaimActions.MapUniqueJsonKey("preferred_username", "preferred_username");
        o.ClaimActions.MapUniqueJsonKey(oidc.NameClaim, oidc.NameClaim);
        // The framework's defaults (SameSite=None, always Secure) lose both cookies on plain-HTTP loopback; the answer comes
        // back as a top-level GET (ResponseMode query), which Lax allows, and Secure follows the request (the proxy's HTTPS).
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.BackchannelTimeout = TimeSpan.FromSeconds(10);
        o.Events = new OpenIdConnectEvents
        {
            OnTicketReceived = OnTicketReceivedAsync,
            OnRemoteFailure = OnRemoteFailureAsync,
        };
    }

    private static async Task OnTicketReceivedAsync(TicketReceivedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var oidc = services.GetRequiredService<IOptions<OidcOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var claims = context.Principal!.Claims.ToList();
        var subject = claims.FirstOrDefault(c => c.Type == "sub")?.Value ?? string.Empty;
        var name = new[] { oidc.NameClaim, "preferred_username", "name", "email" }
            .Select(type => claims.FirstOrDefault(c => c.Type == type)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? subject;
        if (OidcRoleMapping.RoleFor(claims, oidc) is not { } role)
        {
            await services.GetRequiredService<IAccessEvents>().SignInFailedAsync(context.HttpContext, AccessClaims.ViaOidc, $"'{name}' has no role TaskWatch maps (UnmappedRole is None)").ConfigureAwait(false);
            context.Response.Redirect("/signin?problem=" + SignInProblems.NoRole);
            context.HandleResponse();
            return;
        }

        var user = AccessClaims.Create(name, role, AccessClaims.ViaOidc, AccessSchemes.Cookie, time.GetUtcNow(), subject);
        if (context.Properties?.GetTokenValue("access_token") is { Length: > 0 } accessToken)
        {
            services.GetRequiredService<OidcRoleCheck>().Remember(user, accessToken);
        }

        var lifetime = services.GetRequiredService<IOptions<AccessOptions>>().Value.SessionLifetime;
        context.Properties ??= new AuthenticationProperties();
        context.Properties.StoreTokens([]);
        context.Properties.IssuedUtc = time.GetUtcNow();
        context.Properties.ExpiresUtc = time.GetUtcNow() + lifetime;
        context.Properties.AllowRefresh = false;
        context.Principal = user;
        services.GetRequiredService<FailedAttemptThrottle>().Succeeded(context.HttpContext.Connection.RemoteIpAddress);
        await services.GetRequiredService<IAccessEvents>().SignedInAsync(context.HttpContext, user).ConfigureAwait(false);
    }

    private static async Task OnRemoteFailureAsync(RemoteFailureContext context)
    {
        var services = context.HttpContext.RequestServices;
        LogFailed(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSetup).FullName!), context.Failure?.GetType().Name, context.Failure?.Message);
        services.GetRequiredService<FailedAttemptThrottle>().Failed(context.HttpContext.Connection.RemoteIpAddress);
        await services.GetRequiredService<IAccessEvents>().SignInFailedAsync(context.HttpContext, AccessClaims.ViaOidc, "the identity provider's answer was refused").ConfigureAwait(false);
        context.Response.Redirect("/signin?problem=" + SignInProblems.Failed);
        context.HandleResponse();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on failed ({Kind}): {Reason}")]
    private static partial void LogFailed(ILogger logger, string? kind, string? reason);
}
