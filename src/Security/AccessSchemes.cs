using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace TaskWatch.Security;

/// <summary>
/// The authentication schemes and which one a request is read with: local requests are the machine's own user,
/// a request with <c>X-Api-Key</c> is that key, a known proxy's user header is that user, anything else the cookie
/// (made by <c>/signin</c> with a key or through the identity provider).
/// </summary>
public static class AccessSchemes
{
    public const string Default = "TaskWatch";
    public const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string ApiKey = "ApiKey";
    public const string Local = "Local";
    public const string ProxyUser = "ProxyUser";
    public const string Oidc = "oidc";

    public static string Select(HttpContext context)
    {
        if (!context.RequestServices.GetRequiredService<IAccessPolicy>().IsExposed(context))
        {
            return Local;
        }

        if (context.Request.Headers.ContainsKey(AccessPolicy.ApiKeyHeader))
        {
            return ApiKey;
        }

        var header = context.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value.TrustedUserHeader;
        return !string.IsNullOrWhiteSpace(header) && RequestOrigin.Of(context).FromKnownProxy && context.Request.Headers.ContainsKey(header)
            ? ProxyUser
            : Cookie;
    }
}
