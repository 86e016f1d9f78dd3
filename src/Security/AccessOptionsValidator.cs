using Microsoft.Extensions.Options;
using TaskWatch.Configuration;

namespace TaskWatch.Security;

/// <summary>The API's limit and keys (<c>TaskWatch:Api</c>, <c>TaskWatch:Access</c>), checked beside the code that enforces them.</summary>
public sealed class AccessOptionsValidator : IValidateOptions<TaskWatchOptions>
{
    private const string Root = TaskWatchOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, TaskWatchOptions options) => OptionRules.Result(errors => Collect(options, errors));

    public static void Collect(TaskWatchOptions options, List<string> errors)
    {
        if (options.Api.RequestsPerMinute is < 0 or > 1_000_000)
        {
            errors.Add($"{Root}:Api:RequestsPerMinute is '{options.Api.RequestsPerMinute}': use 0 (no limit) or a number up to 1000000.");
        }

        var access = options.Access;
        foreach (var (name, hash) in access.ApiKeys)
        {
            // The value is a hash, but it is still not repeated: a pasted plain key would land in the log.
            if (ApiKeyHash.Parse(hash) is null)
            {
                errors.Add($"{Root}:Access:ApiKeys:{name} is not a key hash: give 64 hex digits (SHA-256 of the key) or pbkdf2-sha256:{{iterations}}:{{salt base64}}:{{hash base64}}.");
            }
        }

        if (access.RequireKey == true && access.ApiKeys.Count == 0 && string.IsNullOrWhiteSpace(access.TrustedUserHeader))
        {
            errors.Add($"{Root}:Access:RequireKey is true, but {Root}:Access:ApiKeys is empty and no TrustedUserHeader is set: nobody could register or stop a job.");
        }
    }
}
