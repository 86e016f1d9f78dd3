using System.Globalization;
using Microsoft.Extensions.Options;
using TaskWatch.Core;

namespace TaskWatch.Configuration;

/// <summary>
/// Collects every configuration problem at once; each message names the key, the value and why,
/// so an operator fixes them in one go instead of one per restart.
/// </summary>
public sealed class TaskWatchOptionsValidator : IValidateOptions<TaskWatchOptions>
{
    private const string Root = TaskWatchOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, TaskWatchOptions options) => OptionRules.Result(errors => errors.AddRange(Collect(options)));

    public static List<string> Collect(TaskWatchOptions options)
    {
        var errors = new List<string>();
        if (options.Storage.ProviderKind is null)
        {
            errors.Add($"{Root}:Storage:Provider is '{options.Storage.Provider}': use Sqlite or PostgreSQL.");
        }

        if (options.Storage.ProviderKind == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(options.Database))
        {
            errors.Add($"{Root}:Database is empty: give the path of the SQLite database file.");
        }

        if (options.Storage.Backups is < 0 or > 100)
        {
            errors.Add($"{Root}:Storage:Backups is '{options.Storage.Backups}': use a number of copies from 0 (none) to 100.");
        }

        if (options.Storage.LeaseTakeover < StorageOptions.MinLeaseTakeover || options.Storage.LeaseTakeover > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{Root}:Storage:LeaseTakeover is '{options.Storage.LeaseTakeover}': use a time from {StorageOptions.MinLeaseTakeover:hh\\:mm\\:ss} to 00:10:00 (a new holder of an account first waits {StorageOptions.LeaseQuiet.TotalSeconds:0} s so the account's budget is not spent twice).");
        }

        ValidatePolling(options.Polling, errors);
        if (options.Demo.Enabled && options.Demo.JobsPerMinute is <= 0 or > 6000)
        {
            errors.Add($"{Root}:Demo:JobsPerMinute is '{options.Demo.JobsPerMinute}': use a number above 0 and at most 6000.");
        }

        if (options.Demo.Enabled && options.Demo.Speed is <= 0 or > 10_000)
        {
            errors.Add($"{Root}:Demo:Speed is '{options.Demo.Speed}': use a number above 0 (1 is real time) and at most 10000.");
        }

        if (options.Demo.Enabled && (options.Demo.FailShare is < 0 or > 1 || options.Demo.LongRunnerShare is < 0 or > 1 || options.Demo.NeverEndsShare is < 0 or > 1
            || options.Demo.FailShare + options.Demo.LongRunnerShare + options.Demo.NeverEndsShare > 1))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{Root}:Demo:FailShare '{options.Demo.FailShare}', LongRunnerShare '{options.Demo.LongRunnerShare}' and NeverEndsShare '{options.Demo.NeverEndsShare}': each is a share from 0 to 1, and together at most 1 (the rest complete)."));
        }

        if (options.SnapshotRetentionDays < 0)
        {
            errors.Add($"{Root}:SnapshotRetentionDays is '{options.SnapshotRetentionDays}': use 0 (keep forever) or a positive number of days.");
        }

        ValidateDemoHostility(options.Demo, errors);
        foreach (var (accountName, account) in options.Accounts)
        {
            ValidateAccount(accountName, account, errors);
        }

        foreach (var (projectName, project) in options.Projects)
        {
            ValidateProject(projectName, project, options, errors);
        }

        return errors;
    }

    private static void ValidatePolling(PollingOptions p, List<string> errors)
    {
        var key = $"{Root}:Polling";
        OptionRules.RequirePositive(p.RunningInterval, $"{key}:RunningInterval", errors);
        OptionRules.RequirePositive(p.NotFoundRetryInterval, $"{key}:NotFoundRetryInterval", errors);
        OptionRules.RequirePositive(p.NotFoundInterval, $"{key}:NotFoundInterval", errors);
        OptionRules.RequirePositive(p.RequestTimeout, $"{key}:RequestTimeout", errors);
        if (p.MaxAnswerBytes is < 16 * 1024 or > PollingOptions.MaxAnswerBytesLimit)
        {
            errors.Add($"{key}:MaxAnswerBytes is '{p.MaxAnswerBytes}': use a number of bytes from 16384 to {PollingOptions.MaxAnswerBytesLimit}.");
        }
        if (p.MaxRunningInterval < p.RunningInterval)
        {
            errors.Add($"{key}:MaxRunningInterval is '{p.MaxRunningInterval}': it must be at least RunningInterval ('{p.RunningInterval}').");
        }

        if (p.NotFoundGrace < TimeSpan.Zero)
        {
            errors.Add($"{key}:NotFoundGrace is '{p.NotFoundGrace}': it cannot be negative.");
        }

        if (p.Retries is < 0 or > 10)
        {
            errors.Add($"{key}:Retries is '{p.Retries}': use a number from 0 to 10.");
        }

        OptionRules.RequirePositive(p.RetryDelay, $"{key}:RetryDelay", errors);
        if (p.MaxConcurrency is < 1 or > 1024)
        {
            errors.Add($"{key}:MaxConcurrency is '{p.MaxConcurrency}': use a number from 1 to 1024.");
        }

        if (p.MaxConcurrencyPerEndpoint < 1 || p.MaxConcurrencyPerEndpoint > p.MaxConcurrency)
        {
            errors.Add($"{key}:MaxConcurrencyPerEndpoint is '{p.MaxConcurrencyPerEndpoint}': use a number from 1 to MaxConcurrency ({p.MaxConcurrency}).");
        }
    }

    private static void ValidateAccount(string name, AccountOptions a, List<string> errors)
    {
        var key = $"{Root}:Accounts:{name}";
        if (a.CallsPerMinute is < 1 or > 100_000)
        {
            errors.Add($"{key}:CallsPerMinute is '{a.CallsPerMinute}': use a number from 1 to 100000.");
        }

        switch (a.AuthKind)
        {
            case null:
                errors.Add($"{key}:Auth is '{a.Auth}': use one of Token, Password, AkSk.");
                break;
            case AuthMode.Token:
                OptionRules.RequireSecret(a.Token, $"{key}:Token", "Auth is Token", errors);
                break;
            case AuthMode.Password:
                OptionRules.RequireUrl(a.IamEndpoint, $"{key}:IamEndpoint", errors);
                OptionRules.RequireHttps(a.IamEndpoint, $"{key}:IamEndpoint", $"{key}:AllowHttp", a.AllowHttp, $"'{a.IamEndpoint}'", errors);
                OptionRules.RequireText(a.Domain, $"{key}:Domain", "the account (domain) name, as Auth is Password", errors);
                OptionRules.RequireText(a.User, $"{key}:User", "the IAM user name, as Auth is Password", errors);
                OptionRules.RequireSecret(a.Password, $"{key}:Password", "Auth is Password", errors);
                break;
            case AuthMode.AkSk:
                OptionRules.RequireSecret(a.AccessKey, $"{key}:AccessKey", "Auth is AkSk", errors);
                OptionRules.RequireSecret(a.SecretKey, $"{key}:SecretKey", "Auth is AkSk", errors);
                break;
        }
    }

    private static void ValidateProject(string name, ProjectOptions p, TaskWatchOptions options, List<string> errors)
    {
        var key = $"{Root}:Projects:{name}";
        if (!ProjectNameRules.IsValid(name))
        {
            errors.Add($"{key}: the project name '{name}' is not usable in URLs: use letters, digits, '-', '_' and '.', at most 64 characters.");
        }

        if (string.IsNullOrWhiteSpace(p.Account))
        {
            errors.Add($"{key}:Account is missing: name one of the accounts under {Root}:Accounts.");
        }
        else if (!options.Accounts.ContainsKey(p.Account))
        {
            var known = options.Accounts.Count == 0 ? "none is configured" : "known: " + string.Join(", ", options.Accounts.Keys);
            errors.Add($"{key}:Account is '{p.Account}': no such account under {Root}:Accounts ({known}).");
        }

        if (p.ServiceKind is null)
        {
            errors.Add($"{key}:Service is '{p.Service}': use one of {string.Join(", ", Enum.GetNames<CloudService>())}.");
        }

        if (string.IsNullOrWhiteSpace(p.ProjectId))
        {
            errors.Add($"{key}:ProjectId is missing: give the cloud project id (32 hex digits on Huawei Cloud and Open Telekom Cloud).");
        }
        else if (!p.ProjectId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            errors.Add($"{key}:ProjectId is '{p.ProjectId}': a project id has only letters, digits, '-' and '_'.");
        }

        OptionRules.RequireUrl(p.Endpoint, $"{key}:Endpoint", errors);
        if (p.Account is not null && options.Accounts.TryGetValue(p.Account, out var account))
        {
            OptionRules.RequireHttps(p.Endpoint, $"{key}:Endpoint", $"{Root}:Accounts:{p.Account}:AllowHttp", account.AllowHttp, $"'{p.Endpoint}'", errors);
        }
        if (p.Discovery && !p.ListApi)
        {
            errors.Add($"{key}:Discovery is true but ListApi is false: discovery reads the list API, so turn ListApi on or Discovery off.");
        }

        if (p.Discovery && p.DiscoveryLookBack is { TotalDays: > 30 } or { Ticks: <= 0 })
        {
            errors.Add($"{key}:DiscoveryLookBack is '{p.DiscoveryLookBack}': use a span from a minute up to 30 days (the cloud keeps tasks one month).");
        }

        for (var i = 0; i < p.Jobs.Count; i++)
        {
            if (JobIdRules.Check(p.Jobs[i]) is { } why)
            {
                errors.Add($"{key}:Jobs:{i} is '{p.Jobs[i]}': {why}");
            }
        }
    }

    private static void ValidateDemoHostility(DemoOptions demo, List<string> errors)
    {
        var d = demo.Hostile;
        foreach (var (share, key) in new[] { (d.ServerErrorShare, "ServerErrorShare"), (d.MalformedShare, "MalformedShare"), (d.OddStatusShare, "OddStatusShare") })
        {
            if (share is < 0 or > 1)
            {
                errors.Add($"{Root}:Demo:Hostile:{key} is '{share}': use a fraction from 0 to 1.");
            }
        }

        if (d.LatencyMs < 0 || d.LatencyJitterMs < 0 || d.MaxRequestsPerSecond < 0 || d.RetryAfterSeconds < 1)
        {
            errors.Add($"{Root}:Demo:Hostile: LatencyMs ('{d.LatencyMs}'), LatencyJitterMs ('{d.LatencyJitterMs}') and MaxRequestsPerSecond ('{d.MaxRequestsPerSecond}') cannot be negative; RetryAfterSeconds ('{d.RetryAfterSeconds}') is at least 1.");
        }
    }
}
