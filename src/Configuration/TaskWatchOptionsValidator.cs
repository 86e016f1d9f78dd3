using Microsoft.Extensions.Options;
using TaskWatch.Alerts;
using TaskWatch.Cloud;

namespace TaskWatch.Configuration;

/// <summary>
/// Collects every configuration problem at once; each message names the key, the value and why,
/// so an operator fixes them in one go instead of one per restart.
/// </summary>
public sealed class TaskWatchOptionsValidator : IValidateOptions<TaskWatchOptions>
{
    private const string Root = TaskWatchOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, TaskWatchOptions options)
    {
        var errors = Collect(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

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

        if (options.Storage.LeaseTakeover < StorageOptions.MinLeaseTakeover || options.Storage.LeaseTakeover > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{Root}:Storage:LeaseTakeover is '{options.Storage.LeaseTakeover}': use a time from {StorageOptions.MinLeaseTakeover:hh\\:mm\\:ss} to 00:10:00 (a new holder of an account first waits {StorageOptions.LeaseQuiet.TotalSeconds:0} s so the account's budget is not spent twice).");
        }

        ValidatePolling(options.Polling, errors);
        ValidateInsight(options.Insight, errors);
        ValidateAlerts(options.Alerts, options, errors);
        if (options.Demo.Enabled && options.Demo.JobsPerMinute is <= 0 or > 6000)
        {
            errors.Add($"{Root}:Demo:JobsPerMinute is '{options.Demo.JobsPerMinute}': use a number above 0 and at most 6000.");
        }

        if (options.Demo.Enabled && options.Demo.Speed is <= 0 or > 10_000)
        {
            errors.Add($"{Root}:Demo:Speed is '{options.Demo.Speed}': use a number above 0 (1 is real time) and at most 10000.");
        }

        if (options.SnapshotRetentionDays < 0)
        {
            errors.Add($"{Root}:SnapshotRetentionDays is '{options.SnapshotRetentionDays}': use 0 (keep forever) or a positive number of days.");
        }

        ValidateAccess(options, errors);
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
        RequirePositive(p.RunningInterval, $"{key}:RunningInterval", errors);
        RequirePositive(p.NotFoundRetryInterval, $"{key}:NotFoundRetryInterval", errors);
        RequirePositive(p.NotFoundInterval, $"{key}:NotFoundInterval", errors);
        RequirePositive(p.RequestTimeout, $"{key}:RequestTimeout", errors);
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

        RequirePositive(p.RetryDelay, $"{key}:RetryDelay", errors);
        if (p.MaxConcurrency is < 1 or > 1024)
        {
            errors.Add($"{key}:MaxConcurrency is '{p.MaxConcurrency}': use a number from 1 to 1024.");
        }

        if (p.MaxConcurrencyPerEndpoint < 1 || p.MaxConcurrencyPerEndpoint > p.MaxConcurrency)
        {
            errors.Add($"{key}:MaxConcurrencyPerEndpoint is '{p.MaxConcurrencyPerEndpoint}': use a number from 1 to MaxConcurrency ({p.MaxConcurrency}).");
        }
    }

    private static void ValidateInsight(InsightOptions i, List<string> errors)
    {
        var key = $"{Root}:Insight";
        if (i.HistorySize is < 1 or > 10_000)
        {
            errors.Add($"{key}:HistorySize is '{i.HistorySize}': use a number of runs from 1 to 10000.");
        }

        if (i.MinimumRuns < 1 || i.MinimumRuns > i.HistorySize)
        {
            errors.Add($"{key}:MinimumRuns is '{i.MinimumRuns}': use a number from 1 to HistorySize ({i.HistorySize}).");
        }

        if (double.IsNaN(i.OverdueFactor) || i.OverdueFactor < 1 || i.OverdueFactor > 100)
        {
            errors.Add($"{key}:OverdueFactor is '{i.OverdueFactor}': use a factor from 1 to 100 (1.5 marks a job overdue at 1.5 times its 90th percentile).");
        }

        if (i.StallAfter < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{key}:StallAfter is '{i.StallAfter}': use at least one second (e.g. 00:15:00).");
        }
    }

    private static void ValidateAlerts(AlertOptions a, TaskWatchOptions options, List<string> errors)
    {
        var key = $"{Root}:Alerts";
        if (a.PublicBaseUrl is not null)
        {
            RequireUrl(a.PublicBaseUrl, $"{key}:PublicBaseUrl", errors);
        }
        else if (a.Rules.Count > 0)
        {
            errors.Add($"{key}:PublicBaseUrl is missing: alerts link to the job's page, so give the address people open TaskWatch at (e.g. https://taskwatch.example.com/).");
        }

        if (a.Retries is < 0 or > 10)
        {
            errors.Add($"{key}:Retries is '{a.Retries}': use a number from 0 to 10.");
        }

        RequirePositive(a.RetryDelay, $"{key}:RetryDelay", errors);
        RequirePositive(a.AttemptTimeout, $"{key}:AttemptTimeout", errors);
        foreach (var (name, channel) in a.Channels)
        {
            var channelKey = $"{key}:Channels:{name}";
            if (!Enum.TryParse<AlertChannelKind>(channel.Kind, ignoreCase: true, out _) || int.TryParse(channel.Kind, out _))
            {
                errors.Add($"{channelKey}:Kind is '{channel.Kind}': use one of {string.Join(", ", Enum.GetNames<AlertChannelKind>())}.");
            }

            // The URL carries the receiver's secret: only its scheme and host are ever echoed.
            if (string.IsNullOrWhiteSpace(channel.Url))
            {
                errors.Add($"{channelKey}:Url is missing: give the receiver's absolute http(s) URL (or set the environment variable {channelKey.Replace(":", "__", StringComparison.Ordinal)}__Url).");
            }
            else if (!Uri.TryCreate(channel.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                errors.Add($"{channelKey}:Url is not an absolute http(s) URL (value not shown: it may hold a secret).");
            }
        }

        foreach (var (name, rule) in a.Rules)
        {
            var ruleKey = $"{key}:Rules:{name}";
            if (rule.On.Count == 0)
            {
                errors.Add($"{ruleKey}:On is empty: list the events, from {string.Join(", ", Enum.GetNames<AlertEvent>())}.");
            }

            for (var i = 0; i < rule.On.Count; i++)
            {
                if (!Enum.TryParse<AlertEvent>(rule.On[i], ignoreCase: true, out _) || int.TryParse(rule.On[i], out _))
                {
                    errors.Add($"{ruleKey}:On:{i} is '{rule.On[i]}': use one of {string.Join(", ", Enum.GetNames<AlertEvent>())}.");
                }
            }

            for (var i = 0; i < rule.Services.Count; i++)
            {
                if (!Enum.TryParse<CloudService>(rule.Services[i], ignoreCase: true, out _) || int.TryParse(rule.Services[i], out _))
                {
                    errors.Add($"{ruleKey}:Services:{i} is '{rule.Services[i]}': use Rds or Dds.");
                }
            }

            for (var i = 0; i < rule.Projects.Count; i++)
            {
                if (!options.Projects.ContainsKey(rule.Projects[i]) && !options.Demo.Enabled)
                {
                    errors.Add($"{ruleKey}:Projects:{i} is '{rule.Projects[i]}': no such project under {Root}:Projects.");
                }
            }

            if (rule.Channels.Count == 0)
            {
                errors.Add($"{ruleKey}:Channels is empty: name at least one channel under {key}:Channels.");
            }

            for (var i = 0; i < rule.Channels.Count; i++)
            {
                if (!a.Channels.ContainsKey(rule.Channels[i]))
                {
                    var known = a.Channels.Count == 0 ? "none is configured" : "known: " + string.Join(", ", a.Channels.Keys);
                    errors.Add($"{ruleKey}:Channels:{i} is '{rule.Channels[i]}': no such channel under {key}:Channels ({known}).");
                }
            }
        }
    }

    private static void ValidateAccess(TaskWatchOptions options, List<string> errors)
    {
        if (options.Api.RequestsPerMinute is < 0 or > 1_000_000)
        {
            errors.Add($"{Root}:Api:RequestsPerMinute is '{options.Api.RequestsPerMinute}': use 0 (no limit) or a number up to 1000000.");
        }

        var access = options.Access;
        foreach (var (name, hash) in access.ApiKeys)
        {
            // The value is a hash, but it is still not repeated: a pasted plain key would land in the log.
            if (Security.ApiKeyHash.Parse(hash) is null)
            {
                errors.Add($"{Root}:Access:ApiKeys:{name} is not a key hash: give 64 hex digits (SHA-256 of the key) or pbkdf2-sha256:{{iterations}}:{{salt base64}}:{{hash base64}}.");
            }
        }

        if (access.RequireKey == true && access.ApiKeys.Count == 0 && string.IsNullOrWhiteSpace(access.TrustedUserHeader))
        {
            errors.Add($"{Root}:Access:RequireKey is true, but {Root}:Access:ApiKeys is empty and no TrustedUserHeader is set: nobody could register or stop a job.");
        }

        var d = options.Demo.Hostile;
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

    private static void RequirePositive(TimeSpan value, string key, List<string> errors)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} is '{value}': it must be longer than zero.");
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
                RequireSecret(a.Token, $"{key}:Token", "Auth is Token", errors);
                break;
            case AuthMode.Password:
                RequireUrl(a.IamEndpoint, $"{key}:IamEndpoint", errors);
                RequireText(a.Domain, $"{key}:Domain", "the account (domain) name, as Auth is Password", errors);
                RequireText(a.User, $"{key}:User", "the IAM user name, as Auth is Password", errors);
                RequireSecret(a.Password, $"{key}:Password", "Auth is Password", errors);
                break;
            case AuthMode.AkSk:
                RequireSecret(a.AccessKey, $"{key}:AccessKey", "Auth is AkSk", errors);
                RequireSecret(a.SecretKey, $"{key}:SecretKey", "Auth is AkSk", errors);
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
            errors.Add($"{key}:Service is '{p.Service}': use Rds or Dds.");
        }

        if (string.IsNullOrWhiteSpace(p.ProjectId))
        {
            errors.Add($"{key}:ProjectId is missing: give the cloud project id (32 hex digits on Huawei Cloud and Open Telekom Cloud).");
        }
        else if (!p.ProjectId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            errors.Add($"{key}:ProjectId is '{p.ProjectId}': a project id has only letters, digits, '-' and '_'.");
        }

        RequireUrl(p.Endpoint, $"{key}:Endpoint", errors);
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

    private static void RequireUrl(string? value, string key, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key} is missing: give an absolute http(s) URL.");
        }
        else if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(uri.Query))
        {
            errors.Add($"{key} is '{value}': not an absolute http(s) URL without a query string.");
        }
    }

    private static void RequireText(string? value, string key, string what, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key} is missing: give {what}.");
        }
    }

    // A secret's value is never echoed, not even in an error.
    private static void RequireSecret(string? value, string key, string because, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key} is missing ({because}): set it in configuration or in the environment variable {key.Replace(":", "__", StringComparison.Ordinal)}.");
        }
    }
}
