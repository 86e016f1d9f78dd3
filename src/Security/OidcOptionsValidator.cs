using System.Net;
using Microsoft.Extensions.Options;
using TaskWatch.Configuration;

namespace TaskWatch.Security;

/// <summary>An OIDC setting that cannot work stops start-up with one line naming the key.</summary>
public sealed class OidcOptionsValidator : IValidateOptions<OidcOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcOptions options) => OptionRules.Result(errors => Collect(options, errors));

    public static void Collect(OidcOptions oidc, List<string> errors)
    {
        var key = OidcOptions.SectionName;
        if (!oidc.Enabled)
        {
            if (!string.IsNullOrWhiteSpace(oidc.ClientId) || oidc.RoleMap.Count > 0)
            {
                errors.Add($"{key}:Authority is not set, but other {key} settings are: set the provider's issuer URL, or remove them.");
            }

            return;
        }

        if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(authority.Query))
        {
            errors.Add($"{key}:Authority is '{oidc.Authority}': use the provider's issuer URL (https://…).");
        }
        else if (authority.Scheme == "http" && !IsLoopback(authority))
        {
            errors.Add($"{key}:Authority is '{oidc.Authority}': use HTTPS (plain HTTP only for a provider on loopback).");
        }

        if (string.IsNullOrWhiteSpace(oidc.ClientId))
        {
            errors.Add($"{key}:ClientId is not set: give the client id registered at the provider.");
        }

        foreach (var (value, role) in oidc.RoleMap)
        {
            if (AccessRoles.Parse(role) is null)
            {
                errors.Add($"{key}:RoleMap:{value} is '{role}': use Viewer, Operator or Admin.");
            }
        }

        if (AccessRoles.Parse(oidc.UnmappedRole) is null && !oidc.UnmappedRole.Equals("None", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{key}:UnmappedRole is '{oidc.UnmappedRole}': use Viewer, Operator, Admin or None (refuse users without a mapped role).");
        }

        if (string.IsNullOrWhiteSpace(oidc.RoleClaim))
        {
            errors.Add($"{key}:RoleClaim is empty: name the claim that carries roles or groups (e.g. roles, groups).");
        }

        if (oidc.RoleCheckInterval < TimeSpan.FromSeconds(1) || oidc.RoleCheckInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{key}:RoleCheckInterval is '{oidc.RoleCheckInterval}': use a time from 00:00:01 to 00:01:00 (a removed role must end the session within a minute).");
        }
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
