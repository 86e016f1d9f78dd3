using System.Security.Claims;
using System.Text.Json;

namespace TaskWatch.Security;

/// <summary>
/// The provider's roles or groups to one TaskWatch role. A role claim may come as one string, as several claims, or
/// as a JSON array inside one claim (providers differ, and so do their token handlers): all three are read.
/// </summary>
public static class OidcRoleMapping
{
    /// <summary>Every value of the role claim, arrays unpacked.</summary>
    public static IEnumerable<string> Values(IEnumerable<Claim> claims, string roleClaim)
    {
        foreach (var claim in claims.Where(c => c.Type == roleClaim))
        {
            foreach (var value in Unpack(claim.Value))
            {
                yield return value;
            }
        }
    }

    public static IEnumerable<string> Unpack(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.StartsWith('['))
        {
            string[]? values = null;
            try
            {
                values = JsonSerializer.Deserialize<string[]>(trimmed);
            }
            catch (JsonException)
            {
            }

            if (values is not null)
            {
                return values.Where(v => !string.IsNullOrWhiteSpace(v));
            }
        }

        return trimmed.Length == 0 ? [] : [trimmed];
    }

    /// <summary>The highest TaskWatch role any value maps to through <see cref="OidcOptions.RoleMap"/>; null when none does.</summary>
    public static string? Map(IEnumerable<string> values, OidcOptions options)
    {
        string? best = null;
        foreach (var value in values)
        {
            var role = options.RoleMap.TryGetValue(value, out var mapped) ? AccessRoles.Parse(mapped) : null;
            if (role is not null && (best is null || Rank(role) > Rank(best)))
            {
                best = role;
            }
        }

        return best;
    }

    /// <summary>The role for a user with these claims: mapped, or <see cref="OidcOptions.UnmappedRole"/> (null: refused).</summary>
    public static string? RoleFor(IEnumerable<Claim> claims, OidcOptions options) =>
        Map(Values(claims, options.RoleClaim), options) ?? AccessRoles.Parse(options.UnmappedRole);

    private static int Rank(string role) => AccessRoles.Ordered.ToList().IndexOf(role);
}
