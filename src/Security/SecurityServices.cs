using Microsoft.AspNetCore.Authentication.Cookies;
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
        services.AddApiRateLimits();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "TaskWatch.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/signin";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
        });
        services.AddCascadingAuthenticationState();
        return services;
    }

    /// <summary>The rate limit, then who may do what (the headers come earlier: <see cref="SecurityHeaders"/>; the body size limit is the API's own, before this).</summary>
    public static IApplicationBuilder UseTaskWatchSecurity(this IApplicationBuilder app)
    {
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAccessPolicy();
        return app;
    }
}
