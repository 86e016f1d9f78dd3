using System.Globalization;
using System.Security.Claims;
using TaskWatch.Core;

namespace TaskWatch.Security;

/// <summary>
/// The claims TaskWatch puts on a user: name and role (the framework's types, so <c>RequireRole</c> and
/// <c>IsInRole</c> work), how they signed in, the provider's subject, when the session began and its id.
/// </summary>
public static class AccessClaims
{
    public const string Via = "taskwatch:via";
    public const string Subject = "taskwatch:sub";
    public const string Issued = "taskwatch:issued";
    public const string Session = "taskwatch:session";
    public const string Client = "taskwatch:client";

    /// <summary>How a user came in: <c>key</c>, <c>oidc</c>, <c>proxy</c> or <c>local</c>.</summary>
    public const string ViaKey = "key";
    public const string ViaOidc = "oidc";
    public const string ViaProxy = "proxy";
    public const string ViaLocal = "local";

    /// <summary>The user everyone is on a request that is not exposed (loopback, no proxy).</summary>
    public const string LocalName = "this machine";

    public static ClaimsPrincipal Create(string name, string role, string via, string authenticationType, DateTimeOffset issued, string? subject = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, name),
            new(ClaimTypes.Role, role),
            new(Via, via),
            new(Issued, issued.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new(Session, Guid.NewGuid().ToString("N")),
        };
        if (subject is not null)
        {
            claims.Add(new Claim(Subject, subject));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The user as the audit names them: name, subject, how (UI, API) and the client's address.</summary>
    public static AuditActor Actor(ClaimsPrincipal user, string how) => new(
        user.Identity?.IsAuthenticated == true && user.Identity.Name is { Length: > 0 } name ? name : "anonymous",
        how, user.FindFirst(Client)?.Value, user.FindFirst(Subject)?.Value);

    public static string? RoleOf(ClaimsPrincipal user) => AccessRoles.Ordered.LastOrDefault(user.IsInRole);

    public static string? ViaOf(ClaimsPrincipal user) => user.FindFirst(Via)?.Value;

    public static DateTimeOffset? IssuedOf(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst(Issued)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
