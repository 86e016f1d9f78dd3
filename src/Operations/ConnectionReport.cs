using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using TaskWatch.Configuration;
using TaskWatch.Simulator;

namespace TaskWatch.Operations;

/// <summary>
/// One log line at start-up saying what this TaskWatch talks to: demo or not, the database, each
/// account (how it signs in, its budget, the IAM host) and each project (service, region, endpoint
/// host, account). Only names, hosts and numbers: never a token, password, key or user name.
/// </summary>
public sealed class ConnectionReport(IOptions<TaskWatchOptions> options, ILogger<ConnectionReport> logger, SimulatorHost? demo = null) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("TaskWatch connects to: {Connections}", Describe(options.Value, demo?.BaseUri));
        if (demo is null && options.Value.Projects.Count == 0)
        {
            logger.LogWarning("No project is configured and demo mode is off: there is nothing to watch. Add TaskWatch:Projects (README: Pointing it at a real cloud)");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static string Describe(TaskWatchOptions options, Uri? demo)
    {
        var text = new StringBuilder();
        text.Append(demo is null ? "demo off" : $"demo ON (built-in simulator at {HostOf(demo.AbsoluteUri)}, fake jobs)");
        if (options.Demo.DecidedBy is { Length: > 0 } why)
        {
            text.Append(CultureInfo.InvariantCulture, $" ({why})");
        }

        // PostgreSQL's connection string holds the password: only where it comes from is named.
        if (options.Storage.ProviderKind == StorageProvider.PostgreSQL)
        {
            text.Append(CultureInfo.InvariantCulture, $"; database PostgreSQL ({StorageOptions.ConnectionStringKey})");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"; database {options.Database}");
        }
        text.Append(CultureInfo.InvariantCulture, $"; {options.Accounts.Count} account(s)");
        foreach (var (name, account) in options.Accounts.OrderBy(a => a.Key, StringComparer.OrdinalIgnoreCase))
        {
            text.Append(CultureInfo.InvariantCulture, $" [{name}: {account.Auth}, {account.CallsPerMinute} calls/min");
            if (account.AuthKind == AuthMode.Password)
            {
                text.Append(CultureInfo.InvariantCulture, $", IAM {HostOf(account.IamEndpoint)}");
            }

            text.Append(']');
        }

        text.Append(CultureInfo.InvariantCulture, $"; {options.Projects.Count} project(s)");
        foreach (var (name, project) in options.Projects.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
        {
            text.Append(CultureInfo.InvariantCulture, $" [{name}: {project.Service} {project.Region} at {HostOf(project.Endpoint)}, account {project.Account}]");
        }

        text.Append(CultureInfo.InvariantCulture, $"; snapshots kept {(options.SnapshotRetentionDays > 0 ? $"{options.SnapshotRetentionDays} days" : "forever")}");
        return text.ToString();
    }

    // Scheme, host and port only: a URL's user-info or path could carry something private.
    private static string HostOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}" : "(none)";
}
