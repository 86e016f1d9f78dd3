using System.Collections.Concurrent;
using TaskWatch.Cloud;
using TaskWatch.Core;
using TaskWatch.Tracking.Leases;

namespace TaskWatch.Tracking;

/// <summary>
/// Lists the recent jobs of every discovering project (Discovery and ListApi on, account held here) every
/// <see cref="Interval"/> and registers the ones not tracked yet; it skips a turn while the account's budget is spent.
/// </summary>
public sealed class ProjectDiscovery(
    PollSchedule schedule,
    ProjectCatalog projects,
    AccountBudgets budgets,
    IAccountOwnership ownership,
    TaskCenterClients clients,
    TaskCenterCalls calls,
    JobRegistrar registrar,
    TimeProvider time,
    ILogger<ProjectDiscovery> logger)
{
    /// <summary>How often a discovering project lists its recent jobs.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, DateTime> _next = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Starts the discovery of every project whose turn has come.</summary>
    public void StartDue(DateTime now, CancellationToken stoppingToken)
    {
        foreach (var project in projects.All.Where(p => p.Discovery && p.ListApi && ownership.Holds(p.Account)))
        {
            var next = _next.GetOrAdd(project.Name, now);
            if (next > now)
            {
                continue;
            }

            _next[project.Name] = now + Interval;
            _ = Task.Run(() => DiscoverAsync(project, stoppingToken), CancellationToken.None);
        }
    }

    private async Task DiscoverAsync(CloudProject project, CancellationToken stoppingToken)
    {
        try
        {
            if (budgets.For(project.Account).WaitTime() > TimeSpan.Zero)
            {
                return;
            }

            var now = time.GetUtcNow().UtcDateTime;
            var client = clients.For(project.Service);
            var query = new JobListQuery(now - project.DiscoveryLookBack, now.AddMinutes(1), null, 0, project.ListPageSize);
            var list = await calls.CallAsync(project, "list", now, ct => client.ListJobsAsync(project, query, ct), r => r.Error?.Outcome ?? ReadOutcome.Job, stoppingToken).ConfigureAwait(false);
            var unknown = list.Jobs
                .Where(j => schedule.Find(new JobKey(project.Name, j.Id)) is null)
                .Select(j => (project.Name, j.Id))
                .ToList();
            if (unknown.Count > 0)
            {
                await registrar.RegisterAsync(unknown, RegistrationSource.Discovery, stoppingToken).ConfigureAwait(false);
                logger.LogInformation("Discovered {Count} jobs in project {Project}", unknown.Count, project.Name);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Discovery in project {Project} failed", project.Name);
        }
        catch (OperationCanceledException)
        {
            // shutdown
        }
    }
}
