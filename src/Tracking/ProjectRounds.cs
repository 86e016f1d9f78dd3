using System.Collections.Concurrent;
using TaskWatch.Cloud;
using TaskWatch.Tracking.Leases;

namespace TaskWatch.Tracking;

/// <summary>
/// Each project's due jobs form one round, at most one out per project; a round spends its account's
/// budget where it buys the most freshness (list pages for many running jobs, single reads for new,
/// vanished and finishing ones) and runs beside the other projects' rounds, so a slow endpoint delays only itself.
/// </summary>
public sealed class ProjectRounds(
    PollSchedule schedule,
    AccountBudgets budgets,
    IAccountOwnership ownership,
    TaskCenterClients clients,
    TaskCenterCalls calls,
    ListSweep lists,
    ReadAnswerApplier answers,
    PollerMetrics metrics,
    TimeProvider time,
    ILogger<ProjectRounds> logger)
{
    private readonly ConcurrentDictionary<string, Task> _rounds = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Takes every due job from the schedule and starts its project's round, unless one is still out.</summary>
    public void StartDue(DateTime now, CancellationToken stoppingToken)
    {
        var due = schedule.TakeDue(now);
        if (due.Count == 0)
        {
            return;
        }

        foreach (var group in due.GroupBy(j => j.Key.Project, StringComparer.OrdinalIgnoreCase))
        {
            var jobs = group.ToList();
            if (_rounds.ContainsKey(group.Key))
            {
                // This project's previous round is still out: these wait for the next look, in their place.
                schedule.Defer(jobs, now + TimeSpan.FromMilliseconds(200));
                continue;
            }

            var project = jobs[0].Project;
            if (!ownership.Holds(project.Account))
            {
                // Another instance polls this account: its jobs leave the queue until this one takes the
                // account over, when they come back from the stored schedule (AccountScheduleLoader).
                schedule.Defer(jobs, DateTime.MaxValue);
                continue;
            }

            var round = Task.Run(() => RunAsync(project, jobs, stoppingToken), CancellationToken.None);
            _rounds[group.Key] = round;
            _ = round.ContinueWith(_ => _rounds.TryRemove(group.Key, out var _), TaskScheduler.Default);
        }
    }

    /// <summary>Graceful stop: in-flight calls see the cancellation; waits briefly for their answers to be queued.</summary>
    public async Task DrainAsync()
    {
        var inflight = _rounds.Values.ToArray();
        await Task.WhenAny(Task.WhenAll(inflight), Task.Delay(TimeSpan.FromSeconds(2), time, CancellationToken.None)).ConfigureAwait(false);
    }

    private async Task RunAsync(CloudProject project, List<ScheduledJob> jobs, CancellationToken stoppingToken)
    {
        try
        {
            var budget = budgets.For(project.Account);
            var now = time.GetUtcNow().UtcDateTime;
            if (budget.PausedUntil.UtcDateTime > now)
            {
                // The cloud said 429: the whole account waits, in place.
                schedule.Defer(jobs, budget.PausedUntil.UtcDateTime);
                return;
            }

            var remaining = jobs;
            if (lists.Pays(project, jobs, now))
            {
                var listed = await lists.ReadAsync(project, jobs.Where(j => j.ListReadable).ToList(), stoppingToken).ConfigureAwait(false);
                remaining = [.. jobs.Where(j => !j.ListReadable || listed.Contains(j))];
            }

            // Spend no more than the budget has now (at least one call, which waits at the budget in
            // the order of how stale its view is, so every project's round moves); the rest keep their place in line.
            var affordable = Math.Max(1, budget.Available());
            if (remaining.Count > affordable)
            {
                remaining = [.. remaining.OrderBy(schedule.StaleSince)];
                schedule.Defer(remaining.Skip(affordable), now + Max(budget.WaitTime(), TimeSpan.FromMilliseconds(250)));
                remaining = remaining.Take(affordable).ToList();
            }

            await Task.WhenAll(remaining.Select(j => ReadByIdAsync(j, stoppingToken))).ConfigureAwait(false);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            metrics.LoopFailed();
            logger.LogError(ex, "Poll round for project {Project} failed", project.Name);
            schedule.Defer(jobs.Where(j => j.InFlight), time.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
            // shutdown: the jobs are read again after restart
        }
    }

    private async Task ReadByIdAsync(ScheduledJob job, CancellationToken stoppingToken)
    {
        var client = clients.For(job.Project.Service);
        var result = await calls.CallAsync(job.Project, "job", schedule.StaleSince(job), ct => client.GetJobAsync(job.Project, job.Key.JobId, ct), r => r.Outcome, stoppingToken).ConfigureAwait(false);
        answers.Apply(job, result);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
