using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace TaskWatch.Security;

/// <summary>Registration and pipeline of everything in src/Security, called once each from Hosting.</summary>
public static class SecurityServices
{
    public static IServiceCollection AddTaskWatchSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        // Its own sections, bound and checked beside the code that enforces them.
        services.AddOptions<AccessOptions>().Bind(configuration.GetSection(AccessOptions.SectionName)).ValidateOnStart();
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>();
        services.AddSingleton<IValidateOptions<ApiOptions>, AccessOptionsValidator>();
        services.AddSingleton<IAccessPolicy, AccessPolicy>();
        services.AddSingleton(sp => new ProxyTrust(sp.GetRequiredService<IOptions<AccessOptions>>().Value.KnownProxies));
        services.AddOptions<ForwardedHeadersOptions>().Configure<ProxyTrust, IOptions<AccessOptions>>((o, proxies, access) =>
            proxies.Configure(o, AllowedHostNames.Configured(configuration, access.Value)));
        services.PostConfigure<HostFilteringOptions>(o =>
            AllowedHostNames.Configure(o, configuration, configuration.GetSection(AccessOptions.SectionName).Get<AccessOptions>() ?? new AccessOptions()));
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        // The antiforgery cookie's default is never Secure: behind HTTPS (also through a TLS proxy) it is.
        services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddMemoryCache();
        services.AddHttpContextAccessor();
        services.AddTransient<IClaimsTransformation, ClientAddressClaims>();
        services.AddSingleton<ApiKeyVerifier>();
        services.AddSingleton<FailedAttemptThrottle>();
        services.AddSingleton<SessionCheck>();
        services.TryAddSingleton<IAccessEvents, NoAccessEvents>();
        services.AddApiRateLimits();

        // Single sign-on (TaskWatch:Access:Oidc), beside key sign-in when Authority is set.
        var oidc = configuration.GetSection(OidcOptions.SectionName).Get<OidcOptions>() ?? new OidcOptions();
        services.AddOptions<OidcOptions>().Bind(configuration.GetSection(OidcOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OidcOptions>, OidcOptionsValidator>();
        services.AddSingleton<OidcRoleCheck>();
        services.AddHttpClient(OidcRoleCheck.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));

        var authentication = services.AddAuthentication(AccessSchemes.Default)
            .AddPolicyScheme(AccessSchemes.Default, "TaskWatch", o => o.ForwardDefaultSelector = AccessSchemes.Select)
            .AddScheme<AuthenticationSchemeOptions, LocalAuthenticationHandler>(AccessSchemes.Local, null)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AccessSchemes.ApiKey, null)
            .AddScheme<AuthenticationSchemeOptions, ProxyUserAuthenticationHandler>(AccessSchemes.ProxyUser, null)
            .AddCookie(AccessSchemes.Cookie, o =>
            {
                o.Cookie.Name = "TaskWatch.Auth";
                o.Cookie.HttpOnly = true;
                // Lax, not Strict: the identity provider's redirect back must carry it; every change is a POST with an antiforgery token.
                o.Cookie.SameSite = SameSiteMode.Lax;
                // Secure whenever the request is HTTPS, also behind a TLS proxy (the forwarded scheme, from a known proxy).
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/signin";
                o.SlidingExpiration = false;
                o.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = async c =>
                    {
                        if (!await c.HttpContext.RequestServices.GetRequiredService<SessionCheck>().HoldsAsync(c.Principal!, c.HttpContext.RequestAborted).ConfigureAwait(false))
                        {
                            c.RejectPrincipal();
                            await c.HttpContext.SignOutAsync(AccessSchemes.Cookie).ConfigureAwait(false);
                        }
                    },
                    OnRedirectToLogin = c =>
                    {
                        if (AccessProblems.IsMachine(c.Request))
                        {
                            return AccessProblems.Unauthorized(c.HttpContext);
                        }

                        c.Response.Redirect("/signin?returnUrl=" + Uri.EscapeDataString(c.Request.Path + c.Request.QueryString));
                        return Task.CompletedTask;
                    },
                    OnRedirectToAccessDenied = c => AccessProblems.IsMachine(c.Request) ? AccessProblems.Forbidden(c.HttpContext) : AccessProblems.ForbiddenPage(c.HttpContext),
                };
            });
        if (oidc.Enabled)
        {
            authentication.AddOpenIdConnect(AccessSchemes.Oidc, o => OidcSetup.Configure(o, oidc));
        }

        services.AddSingleton<IAuthorizationHandler, ViewerRequirementHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(AccessRoles.Viewer, p => p.AddRequirements(new ViewerRequirement()))
            .AddPolicy(AccessRoles.Operator, p => p.RequireRole(AccessRoles.AtLeast(AccessRoles.Operator)))
            .AddPolicy(AccessRoles.Admin, p => p.RequireRole(AccessRoles.Admin))
            // Every endpoint that names no policy (pages, the circuit, API reads, /metrics) is the Viewer's.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(new ViewerRequirement()).Build());
        services.AddCascadingAuthenticationState();
        // Before AddRazorComponents, whose TryAdd would register the provider that never looks again.
        services.AddScoped<AuthenticationStateProvider, CircuitUserRevalidation>();
        return services;
    }

    /// <summary>
    /// The real client first (forwarded headers from known proxies only), HSTS behind HTTPS, the rate limits, the
    /// lock-out after failed keys, then who the user is and what they may do (the headers come earlier:
    /// <see cref="SecurityHeaders"/>; the body size limit is the API's own, before this).
    /// </summary>
    public static IApplicationBuilder UseTaskWatchSecurity(this IApplicationBuilder app)
    {
        RequestOrigin.UseRequestOrigin(app);
        app.UseForwardedHeaders();
        app.UseHsts();
        app.UseRateLimiter();
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.ContainsKey(AccessPolicy.ApiKeyHeader)
                && context.RequestServices.GetRequiredService<FailedAttemptThrottle>().LockedOut(context.Connection.RemoteIpAddress) is { } wait)
            {
                await AccessProblems.TooManyFailures(context, wait).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
