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
    }

    public static void Collect(AccessOptions access, List<string> errors)
    {
        var key = AccessOptions.SectionName;
        foreach (var (name, hash) in access.ApiKeys)
        {
            // The value is a hash, but it is still not repeated: a pasted plain key would land in the log.
            if (ApiKeyHash.Parse(hash) is null)
            {
                errors.Add($"{key}:ApiKeys:{name} is not a key hash: give 64 hex digits (SHA-256 of the key) or pbkdf2-sha256:{{iterations}}:{{salt base64}}:{{hash base64}}.");
            }
        }

        if (access.RequireKey == true && access.ApiKeys.Count == 0 && string.IsNullOrWhiteSpace(access.TrustedUserHeader))
        {
            errors.Add($"{key}:RequireKey is true, but {key}:ApiKeys is empty and no TrustedUserHeader is set: nobody could register or stop a job.");
        }
    }
}
