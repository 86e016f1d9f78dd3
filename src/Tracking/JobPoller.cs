using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TaskWatch.Cloud;
using TaskWatch.Configuration;
using TaskWatch.Core;
using TaskWatch.Live;
using TaskWatch.Storage;
using TaskWatch.Tracking.Leases;

namespace TaskWatch.Tracking;

/// <summary>
/// Reads every due job from its task center. Each project's due jobs form one round; a round
/// spends its account's budget where it buys the most freshness (one list call for many running
/// jobs, single reads for new, vanished and finishing ones) and runs beside the other projects'
/// rounds, so a slow endpoint delays only itself.
/// </summary>
public sealed class JobPoller(
    PollSchedule schedule,
    JobPollPolicy policy,
    TaskCenterClients clients,
    AccountBudgets budgets,
    ProjectCatalog projects,
    JobStateWriter writer,
    JobRegistrar registrar,
    PollerSignal signal,
    LiveJobStore live,
    PollerMetrics metrics,
    IAccountOwnership ownership,
    IDbContextFactory<TaskWatchDbContext> dbFactory,
    IOptions<TaskWatchOptions> options,
    TimeProvider time,
    ILogger<JobPoller> logger) : BackgroundService
{
    /// <summary>Longest sleep between looks at the schedule; also the heartbeat period.</summary>
    public static readonly TimeSpan MaxIdle = TimeSpan.FromSeconds(1);

    /// <summary>Shortest sleep between looks at the schedule, so the jobs due within it are taken together.</summary>
    public static readonly TimeSpan MinIdle = TimeSpan.FromMilliseconds(5);

    /// <summary>How often a discovering project lists its recent jobs.</summary>
    public static readonly TimeSpan DiscoveryInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Task> _rounds = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _endpointGates = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DateTime> _nextDiscovery = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DateTime> _listUnavailableUntil = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _listFailures = new(StringComparer.OrdinalIgnoreCase);
    private SemaphoreSlim _globalGate = null!;
    private long _heartbeatTicks;

    public DateTime HeartbeatUtc => new(Interlocked.Read(ref _heartbeatTicks), DateTimeKind.Utc);

    private long _wakeTicks;

    /// <summary>
    /// When the sleeping loop turns next (unless a registration wakes it): while this lies ahead of
    /// the clock, every read that was due has been started.
    /// </summary>
    internal DateTime WakeUtc => new(Interlocked.Read(ref _wakeTicks), DateTimeKind.Utc);

    public bool Started { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var polling = options.Value.Polling;
        _globalGate = new SemaphoreSlim(polling.MaxConcurrency);
        await LoadAsync(stoppingToken).ConfigureAwait(false);
        await RegisterConfiguredJobsAsync(stoppingToken).ConfigureAwait(false);
        Started = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow().UtcDateTime;
                Interlocked.Exchange(ref _heartbeatTicks, now.Ticks);
                live.MarkPollerAlive();
                StartDueRounds(now, stoppingToken);
                StartDiscovery(now, stoppingToken);
                await SleepAsync(now, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                metrics.LoopFailed();
                logger.LogError(ex, "Poll loop failed; it goes on in 1 s");
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(false);
            }
        }

        // Graceful stop: in-flight calls see the cancellation; wait briefly for their answers to be queued.
        var inflight = _rounds.Values.ToArray();
        await Task.WhenAny(Task.WhenAll(inflight), Task.Delay(TimeSpan.FromSeconds(2), time, CancellationToken.None)).ConfigureAwait(false);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await TrackedRows(db).ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        var views = new List<JobView>(rows.Count);
        foreach (var row in rows)
        {
            if (ScheduledJobFactory.FromRow(row, projects, now) is { } job)
            {
                schedule.Add(job);
                views.Add(job.View);
            }
        }

        live.Publish(views);
        logger.LogInformation("Tracking {Count} jobs from the database", views.Count);
    }

    /// <summary>
    /// Every tracked job with what the schedule and the live view need: the raw body and the cloud's
    /// time texts (the largest columns, read only by the detail page) are left in the database.
    /// </summary>
    internal static IQueryable<TrackedJob> TrackedRows(TaskWatchDbContext db) => db.TrackedJobs.AsNoTracking()
        // Compared with a parameter, not tested as a bare column: SQLite answers "IsTracking = @v" from the
        // (IsTracking, State) index but reads every job, raw bodies and all, for "WHERE IsTracking".
        .Where(j => j.IsTracking == EF.Parameter(true))
        .Select(j => new TrackedJob
        {
            Id = j.Id, Project = j.Project, JobId = j.JobId, Service = j.Service, Source = j.Source, RegisteredUtc = j.RegisteredUtc,
            IsTracking = j.IsTracking, StoppedUtc = j.StoppedUtc, Name = j.Name, State = j.State, StatusWord = j.StatusWord, Progress = j.Progress,
            CreatedUtc = j.CreatedUtc, EndedUtc = j.EndedUtc, InstanceId = j.InstanceId, InstanceName = j.InstanceName, FailReason = j.FailReason,
            EntitiesJson = j.EntitiesJson, Phase = j.Phase, LastReadUtc = j.LastReadUtc, LastPolledUtc = j.LastPolledUtc, NextPollUtc = j.NextPollUtc,
            LastChangeUtc = j.LastChangeUtc, LastErrorOutcome = j.LastErrorOutcome, LastError = j.LastError, ErrorSinceUtc = j.ErrorSinceUtc,
            ConsecutiveErrors = j.ConsecutiveErrors,
        });

    private async Task RegisterConfiguredJobsAsync(CancellationToken cancellationToken)
    {
        var items = options.Value.Projects.SelectMany(p => p.Value.Jobs.Select(id => (p.Key, id))).ToList();
        if (items.Count > 0)
        {
            await registrar.RegisterAsync(items, RegistrationSource.Configuration, cancellationToken).ConfigureAwait(false);
        }
    }

    private void StartDueRounds(DateTime now, CancellationToken stoppingToken)
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

            var round = Task.Run(() => RunRoundAsync(project, jobs, stoppingToken), CancellationToken.None);
            _rounds[group.Key] = round;
            _ = round.ContinueWith(_ => _rounds.TryRemove(group.Key, out var _), TaskScheduler.Default);
        }
    }

    private async Task SleepAsync(DateTime now, CancellationToken stoppingToken)
    {
        var next = schedule.NextDueUtc();
        var wait = next is { } at ? at - now : MaxIdle;
        if (wait < MinIdle)
        {
            // A timer rounds a wait under 1 ms down to none: with a job due every millisecond the loop
            // spun (tens of thousands of turns a second). Jobs due this close together go out together.
            wait = MinIdle;
        }
        else if (wait > MaxIdle)
        {
            wait = MaxIdle;
        }

        Interlocked.Exchange(ref _wakeTicks, (now + wait).Ticks);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(wait, time, cts.Token);
        await Task.WhenAny(delay, signal.WaitTask).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        stoppingToken.ThrowIfCancellationRequested();
    }

    private async Task RunRoundAsync(CloudProject project, List<ScheduledJob> jobs, CancellationToken stoppingToken)
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
            if (UsesList(project, jobs, now))
            {
                var listed = await ReadByListAsync(project, jobs.Where(j => j.ListReadable).ToList(), stoppingToken).ConfigureAwait(false);
                remaining = [.. jobs.Where(j => !j.ListReadable || listed.Contains(j))];
            }

            // Spend no more than the budget has now (at least one call, which waits at the budget in
            // the order of how stale its view is, so every project's round moves); the rest keep their place in line.
            var affordable = Math.Max(1, budget.Available());
            if (remaining.Count > affordable)
            {
                remaining = [.. remaining.OrderBy(StaleSince)];
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

    private bool UsesList(CloudProject project, List<ScheduledJob> jobs, DateTime now) =>
        project.ListApi
        && (!_listUnavailableUntil.TryGetValue(project.Name, out var until) || until <= now)
        && jobs.Count(j => j.ListReadable) >= 2;

    private DateTime StaleSince(ScheduledJob job)
    {
        lock (schedule.Sync)
        {
            return job.StaleSinceUtc;
        }
    }

    private async Task ReadByIdAsync(ScheduledJob job, CancellationToken stoppingToken)
    {
        var client = clients.For(job.Project.Service);
        var result = await CallAsync(job.Project, "job", StaleSince(job), ct => client.GetJobAsync(job.Project, job.Key.JobId, ct), r => r.Outcome, stoppingToken).ConfigureAwait(false);
        Complete(job, result);
    }

    /// <summary>
    /// Reads the project's listable due jobs by list pages: new jobs first, without a status filter
    /// over the look-back window (a new job may have ended already), then the running ones with the
    /// Running filter from the oldest one's creation. Returns the jobs no list answered.
    /// </summary>
    private async Task<HashSet<ScheduledJob>> ReadByListAsync(CloudProject project, List<ScheduledJob> listable, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var unanswered = new HashSet<ScheduledJob>(listable);
        var answering = true;
        if (listable.Any(j => j.Content is null))
        {
            answering = await SweepAsync(project, unanswered, new JobListQuery(now - project.DiscoveryLookBack, now.AddMinutes(1), null, 0, project.ListPageSize), stoppingToken).ConfigureAwait(false);
        }

        var running = unanswered.Where(j => j.Content is not null).ToList();
        if (answering && running.Count > 0)
        {
            var from = running.Min(j => j.CreatedUtc ?? now.AddDays(-30)).AddMinutes(-1);
            await SweepAsync(project, unanswered, new JobListQuery(from, now.AddMinutes(1), JobState.Running, 0, project.ListPageSize), stoppingToken).ConfigureAwait(false);
        }

        return unanswered;
    }

    /// <summary>
    /// Pages through one list query while it is the cheaper way to read what is still unanswered;
    /// false when the list did not answer (it is then left alone for a while, doubling up to 10 min).
    /// </summary>
    private async Task<bool> SweepAsync(CloudProject project, HashSet<ScheduledJob> unanswered, JobListQuery first, CancellationToken stoppingToken)
    {
        var client = clients.For(project.Service);
        for (var offset = 0; unanswered.Count > 0; offset += first.Limit)
        {
            var query = first with { Offset = offset };
            var staleSince = unanswered.Min(StaleSince);
            var list = await CallAsync(project, "list", staleSince, ct => client.ListJobsAsync(project, query, ct), r => r.Error?.Outcome ?? ReadOutcome.Job, stoppingToken).ConfigureAwait(false);
            if (list.Error is { } error)
            {
                ListFailed(project, error);
                return false;
            }

            _listFailures.TryRemove(project.Name, out _);
            foreach (var cloudJob in list.Jobs)
            {
                var key = new JobKey(project.Name, cloudJob.Id);
                if (schedule.Find(key) is not { } tracked)
                {
                    continue;
                }

                // A due job of this round, or a running one not due yet: the row refreshes it for free.
                if (unanswered.Remove(tracked) || (!tracked.InFlight && tracked.ListReadable && tracked.Content is not null))
                {
                    Complete(tracked, JobReadResult.Ok(cloudJob), byList: true);
                }
            }

            var pagesLeft = (list.TotalCount - offset - query.Limit + query.Limit - 1) / query.Limit;
            // Past the end, or more pages to go than single reads of what is left would cost.
            if (list.Jobs.Count + list.Unreadable < query.Limit || pagesLeft <= 0 || pagesLeft > unanswered.Count)
            {
                break;
            }
        }

        return true;
    }

    private void ListFailed(CloudProject project, CloudError error)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (error.Outcome is ReadOutcome.NotFound or ReadOutcome.Rejected)
        {
            // This project's cloud does not offer the list: single reads for a while.
            _listUnavailableUntil[project.Name] = now.AddMinutes(10);
            logger.LogWarning("List API of project {Project} answered {Error}; using single reads for 10 minutes", project.Name, error);
            return;
        }

        // A list that stops answering: single reads stand in (within the budget, as every call), and
        // the list is tried again after 30 s, 1, 2, 4 … up to 10 min, not on every round.
        var failures = _listFailures.AddOrUpdate(project.Name, 1, (_, n) => n + 1);
        var pause = TimeSpan.FromSeconds(Math.Min(600, 30 * Math.Pow(2, Math.Min(failures - 1, 5))));
        _listUnavailableUntil[project.Name] = now + pause;
        logger.LogWarning("List API of project {Project} failed ({Error}); single reads for {Seconds:0} s", project.Name, error, pause.TotalSeconds);
    }

    private async Task<T> CallAsync<T>(CloudProject project, string kind, DateTime staleSince, Func<CancellationToken, Task<T>> call, Func<T, ReadOutcome> outcomeOf, CancellationToken stoppingToken)
    {
        var gate = _endpointGates.GetOrAdd(project.EndpointKey, _ => new SemaphoreSlim(options.Value.Polling.MaxConcurrencyPerEndpoint));
        // The endpoint's own gate first: a slow endpoint queues on it without holding global slots.
        await gate.WaitAsync(stoppingToken).ConfigureAwait(false);
        try
        {
            await _globalGate.WaitAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                var started = Stopwatch.GetTimestamp();
                // This method is async: the key lasts for this call only.
                CallPriority.Enter(staleSince);
                var result = await call(stoppingToken).ConfigureAwait(false);
                metrics.Poll(project.Service, kind, outcomeOf(result), Stopwatch.GetElapsedTime(started));
                return result;
            }
            finally
            {
                _globalGate.Release();
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Applies an answer, reschedules the job, and queues what changed for the writer.</summary>
    private void Complete(ScheduledJob job, JobReadResult result, bool byList = false)
    {
        var now = time.GetUtcNow().UtcDateTime;
        JobChange change;
        lock (schedule.Sync)
        {
            if (job.Phase == PollPhase.Stopped)
            {
                return;
            }

            var previous = job.Content;
            var previousView = job.View;
            var previousErrors = job.ConsecutiveErrors;
            var changed = policy.Apply(job, result, now, byList);
            var instanceId = result.Job?.InstanceId ?? previousView.InstanceId;
            var instanceName = result.Job?.InstanceName ?? previousView.InstanceName;
            var lastChange = changed ? now : previousView.LastChangeUtc;
            job.View = ScheduledJobFactory.ViewOf(job, instanceId, instanceName, lastChange);
            var bodyHash = result.Job?.RawJson.GetHashCode(StringComparison.Ordinal) ?? job.StoredBodyHash;
            var pollTimesOnly = !changed
                && job.ConsecutiveErrors == previousErrors
                && bodyHash == job.StoredBodyHash
                && previousView with { LastReadUtc = job.View.LastReadUtc, NextPollUtc = job.View.NextPollUtc } == job.View;
            job.StoredBodyHash = bodyHash;
            change = new JobChange(job.RowId, job.View, result.Job, changed ? job.Content : null, previous, now, job.ConsecutiveErrors, pollTimesOnly);
            schedule.RescheduleLocked(job);
        }

        writer.Enqueue(change);
    }

    private void StartDiscovery(DateTime now, CancellationToken stoppingToken)
    {
        foreach (var project in projects.All.Where(p => p.Discovery && p.ListApi && ownership.Holds(p.Account)))
        {
            var next = _nextDiscovery.GetOrAdd(project.Name, now);
            if (next > now)
            {
                continue;
            }

            _nextDiscovery[project.Name] = now + DiscoveryInterval;
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
            var list = await CallAsync(project, "list", now, ct => client.ListJobsAsync(project, query, ct), r => r.Error?.Outcome ?? ReadOutcome.Job, stoppingToken).ConfigureAwait(false);
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

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
