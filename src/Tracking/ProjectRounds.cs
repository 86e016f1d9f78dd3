using System.Collections.Concurrent;
using TaskWatch.Cloud;
using TaskWatch.Core;
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
    ListApiAvailability availability,
    JobPollPolicy policy,
    ReadAnswerApplier answers,
    PollerMetrics metrics,
    TimeProvider time,
    ILogger<ProjectRounds> logger)
{
    /// <summary>
    /// How long after its registration a job the lists have not shown yet is looked for only on list
    /// pages: longer than the seconds the cloud takes to show a new job, shorter than a user waits.
    /// </summary>
    public static readonly TimeSpan NotListedWait = TimeSpan.FromSeconds(15);

    /// <summary>How far a job that comes due while its project's round is out is put back, each time the poller looks.</summary>
    private static readonly TimeSpan PutBack = TimeSpan.FromMilliseconds(200);

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
                schedule.Defer(jobs, now + PutBack);
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

            jobs.AddRange(schedule.TakeWaitingForRound(group.Key, now, PutBack));

            var round = Task.Run(() => RunAsync(project, jobs, stoppingToken), CancellationToken.None);
            _rounds[group.Key] = round;
            _ = round.ContinueWith(_ => _rounds.TryRemove(group.Key, out var _), TaskScheduler.Default);
        }
    }

    /// <summary>
    /// When the project's next round of running jobs comes, if this round's jobs are better read by that
    /// round's pages and it comes within a running interval; null when this round goes now. They are
    /// jobs the cloud has not shown yet, registered within a running interval (its first page shows
    /// them), or known running jobs too few to pay for a page (one that came due a moment before the
    /// rest of its page), each waiting less than a running interval and read again within one and a half.
    /// </summary>
    private DateTime? RidesWithNextRound(CloudProject project, List<ScheduledJob> jobs, DateTime now)
    {
        // A job waits for a ride only in its first running interval: one that waited longer (its ride
        // went without it, or the project's rounds keep being out) goes with a round of its own.
        var interval = policy.Options.RunningInterval;
        if (!project.ListApi || !availability.IsAvailable(project, now) || jobs.Any(j => !j.ListReadable))
        {
            return null;
        }

        var rides = jobs.All(j => j.Content is null)
            ? jobs.All(j => now - j.RegisteredUtc < interval)
            : jobs.All(j => j.Content is not null && now - (j.WaitingSinceUtc ?? now) < interval) && !lists.Pays(project, jobs, now);
        if (!rides)
        {
            return null;
        }

        // Alone, such a round holds the project at its own (fresh) place at the budget, while the
        // project's other jobs come due behind it and wait; riding, they go together at the place of
        // the stalest. Not before the poller's next look: a running job due already is taken with them then.
        // Nor when the ride would leave a known job unread for more than one and a half running intervals: the
        // round it rides with still waits at the budget and reads its pages, and two intervals is the freshness a
        // running job is promised (issue 32: the oldest jobs of a project, on its last page, rode to the next
        // round and were shown up to 10.9 s after their read).
        return schedule.NextListedDue(project.Name) is { } next && next - now <= interval
            && jobs.All(j => j.Content is null || next - (j.LastReadUtc ?? now) <= interval + (interval / 2))
            ? (next > now + PutBack ? next : now + PutBack)
            : null;
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

            // A finished job's nice-to-have detail is not part of the plan for stale views: apart.
            var details = jobs.Where(j => j.Phase == PollPhase.Done).ToList();
            var remaining = details.Count > 0 ? [.. jobs.Where(j => j.Phase != PollPhase.Done)] : jobs;
            if (remaining.Count > 0 && RidesWithNextRound(project, remaining, now) is { } next)
            {
                // The project's running jobs come due soon, and their round's pages read these too: new
                // jobs on its first page (a round of their own would read it twice, often before the cloud
                // shows them: it does seconds after they start), a known one on its page.
                schedule.Defer(remaining, next);
                remaining = [];
            }

            if (lists.Pays(project, remaining, now))
            {
                // Which jobs the lists stand for is decided before they answer: a row that ends a job
                // makes it no longer listable, and it must not be read again alone in the same round.
                var listable = remaining.Where(j => j.ListReadable).ToList();
                var unanswered = await lists.ReadAsync(project, listable, stoppingToken).ConfigureAwait(false);
                remaining = [.. remaining.Except(listable).Concat(unanswered)];
                details.AddRange(listable.Where(j => j.NeedsDetail && j.Phase == PollPhase.Active).Except(unanswered));
                if (availability.IsAvailable(project, time.GetUtcNow().UtcDateTime))
                {
                    // A job the cloud has not shown yet is found on the first page of a later sweep (it
                    // shows a new job seconds after it starts): a single read of it each round would
                    // cost a call per new job. Only one registered a while ago, which a list has not
                    // shown (an old job, a wrong id), is read alone, towards "not found".
                    var notShownYet = remaining.Where(j => j.Content is null && now - j.RegisteredUtc < NotListedWait).ToList();
                    if (notShownYet.Count > 0)
                    {
                        schedule.Defer(notShownYet, now + policy.Options.NotFoundRetryInterval);
                        remaining = [.. remaining.Except(notShownYet)];
                    }
                }
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
            if (details.Count > 0)
            {
                await ReadDetailsAsync(project, budget, details, stoppingToken).ConfigureAwait(false);
            }
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

    /// <summary>
    /// Reads the detail list rows lack (<see cref="ScheduledJob.NeedsDetail"/>). Detail someone's open page
    /// wants waits its turn at the budget like a view stale since now; the rest is read only with budget
    /// no stale view needs: none waiting, a place free now, and no running view of the account overdue by
    /// more than a running interval. Otherwise a finished job waits a running interval and a running one
    /// asks again at its next refresh.
    /// </summary>
    private async Task ReadDetailsAsync(CloudProject project, CallBudgetLimiter budget, List<ScheduledJob> details, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        List<ScheduledJob> wanted;
        lock (schedule.Sync)
        {
            wanted = [.. details.Where(j => j.DetailWanted)];
        }

        var rest = details.Except(wanted).ToList();
        var spare = budget.Waiting == 0 && !schedule.AnyRunningOverdue(project.Account, now, policy.Options.RunningInterval) ? budget.Available() : 0;
        if (rest.Count > spare)
        {
            schedule.Defer(rest.Skip(spare).Where(j => j.Phase == PollPhase.Done), now + policy.Options.RunningInterval);
        }

        await Task.WhenAll(wanted.Select(job => ReadDetailAsync(project, job, now, stoppingToken))
            .Concat(rest.Take(spare).Select(job => ReadDetailAsync(project, job, CallPriority.Spare, stoppingToken)))).ConfigureAwait(false);
    }

    /// <param name="staleSince">
    /// The call's place at the budget: now for wanted detail; <see cref="CallPriority.Spare"/> for the
    /// nice-to-have, which is not sent unless a place is free at once (queued behind every stale view,
    /// it would hold this round, and the project's next one, for as long as the account is behind).
    /// </param>
    private async Task ReadDetailAsync(CloudProject project, ScheduledJob job, DateTime staleSince, CancellationToken stoppingToken)
    {
        var client = clients.For(project.Service);
        JobReadResult result;
        try
        {
            result = await calls.CallAsync(project, "detail", staleSince, ct => client.GetJobAsync(project, job.Key.JobId, ct), r => r.Outcome, stoppingToken).ConfigureAwait(false);
        }
        catch (NoSpareBudgetException)
        {
            // Not sent: a finished job asks again a running interval on; a running one, already queued
            // from its list answer, at its next refresh.
            if (job.Phase == PollPhase.Done)
            {
                schedule.Defer([job], time.GetUtcNow().UtcDateTime + policy.Options.RunningInterval);
            }

            return;
        }

        if (result.Job is not null)
        {
            answers.Apply(job, result, detailRead: true);
            return;
        }

        // Detail that did not come is not tried again: the end stands without it.
        lock (schedule.Sync)
        {
            job.NeedsDetail = false;
            job.DetailWanted = false;
            if (job.Phase == PollPhase.Done)
            {
                // A running job is still queued from its list answer; a finished one leaves the queue here.
                schedule.RescheduleLocked(job);
            }
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
