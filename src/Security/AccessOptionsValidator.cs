using Microsoft.Extensions.Options;
using TaskWatch.Configuration;

namespace TaskWatch.Security;

/// <summary>The API's limit (<c>TaskWatch:Api</c>) and keys (<c>TaskWatch:Access</c>), checked beside the code that enforces them.</summary>
public sealed class AccessOptionsValidator : IValidateOptions<AccessOptions>, IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options) => OptionRules.Result(errors => Collect(options, errors));

    public ValidateOptionsResult Validate(string? name, ApiOptions options) => OptionRules.Result(errors => Collect(options, errors));

    public static void Collect(ApiOptions api, List<string> errors)
    {
        if (api.RequestsPerMinute is < 0 or > 1_000_000)
        {
            errors.Add($"{ApiOptions.SectionName}:RequestsPerMinute is '{api.RequestsPerMinute}': use 0 (no limit) or a number up to 1000000.");
        }

        foreach (var (name, value) in new[]
        {
            (nameof(api.MaxWaitsPerClient), api.MaxWaitsPerClient), (nameof(api.MaxWaits), api.MaxWaits),
            (nameof(api.MaxStreamsPerClient), api.MaxStreamsPerClient), (nameof(api.MaxStreams), api.MaxStreams),
            (nameof(api.MaxReplay), api.MaxReplay),
            (nameof(api.MaxCircuitsPerClient), api.MaxCircuitsPerClient), (nameof(api.MaxCircuits), api.MaxCircuits),
        })
        {
            if (value is < 1 or > 1_000_000)
            {
                errors.Add($"{ApiOptions.SectionName}:{name} is '{value}': use a number from 1 to 1000000.");
            }
        }

        if (api.StreamHeartbeat < TimeSpan.FromMilliseconds(100) || api.StreamHeartbeat > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{ApiOptions.SectionName}:StreamHeartbeat is '{api.StreamHeartbeat}': use a time from 00:00:00.1 to 00:05:00 (under the idle timeout of any proxy in front).");
        }
    }

    public static void Collect(AccessOptions access, List<string> errors)
    {
        var key = AccessOptions.SectionName;
        foreach (var (name, apiKey) in access.ApiKeys)
        {
            // The value is a hash, but it is still not repeated: a pasted plain key would land in the log.
            if (ApiKeyHash.Parse(apiKey.Hash) is null)
            {
                errors.Add($"{key}:ApiKeys:{name} is not a key hash: give 64 hex digits (SHA-256 of the key) or pbkdf2-sha256:{{iterations}}:{{salt base64}}:{{hash base64}}, as the value or as ApiKeys:{name}:Hash.");
            }

            if (apiKey.Role is null)
            {
                errors.Add($"{key}:ApiKeys:{name}:Scope is '{apiKey.Scope}': use read, change or admin.");
            }
        }

        if (access.RequireKey == true && access.ApiKeys.Count == 0 && string.IsNullOrWhiteSpace(access.TrustedUserHeader) && !access.Oidc.Enabled)
        {
            errors.Add($"{key}:RequireKey is true, but {key}:ApiKeys is empty, no TrustedUserHeader and no Oidc:Authority is set: nobody could register or stop a job.");
        }

        OidcOptionsValidator.Collect(access.Oidc, errors);

        for (var i = 0; i < access.KnownProxies.Count; i++)
        {
            if (ProxyTrust.Parse(access.KnownProxies[i]) is null)
            {
                errors.Add($"{key}:KnownProxies:{i} is '{access.KnownProxies[i]}': give an IP address (10.0.0.5) or a network (10.0.0.0/8).");
            }
        }

        if (!string.IsNullOrWhiteSpace(access.TrustedUserHeader) && access.KnownProxies.Count == 0)
        {
            errors.Add($"{key}:TrustedUserHeader is set, but {key}:KnownProxies is empty: the header is believed only from a known proxy; add the proxy's address.");
        }

        if (AccessRoles.Parse(access.TrustedUserRole) is null)
        {
            errors.Add($"{key}:TrustedUserRole is '{access.TrustedUserRole}': use Viewer, Operator or Admin.");
        }

        if (access.SessionLifetime < TimeSpan.FromMinutes(1) || access.SessionLifetime > TimeSpan.FromDays(30))
        {
            errors.Add($"{key}:SessionLifetime is '{access.SessionLifetime}': use a time from 00:01:00 to 30.00:00:00.");
        }
    }
}
