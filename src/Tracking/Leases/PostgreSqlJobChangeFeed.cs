using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TaskWatch.Cloud;
using TaskWatch.Core;
using TaskWatch.Live;
using TaskWatch.Storage;

namespace TaskWatch.Tracking.Leases;

/// <summary>
/// Feeds this instance's <see cref="LiveJobStore"/> with the jobs other instances store: PostgreSQL sends the
/// ids of every tracked job a transaction wrote on <see cref="Channel"/> when it commits (a trigger of the
/// JobChangeNotify migration, so the poller's writes, registrations and stop-tracking all reach it, and only
/// once committed); this reads those rows and publishes them, so every dashboard and wall sees every change
/// whichever instance polled it. Jobs of accounts this instance holds are its poller's own, except for
/// registrations and stops made elsewhere, which go to its schedule (<see cref="AccountScheduleLoader.Apply"/>).
/// Most writes are polls that changed only a row's poll times, and most others change only what a live view shows
/// (status, progress, end, failure reason, names, phase, error, entities): their entries carry those columns (issue 32:
/// JobPollTimesNotify, then JobChangesNotify; <see cref="JobChangePayload"/>), and a job this instance has read before
/// is updated from them without a read (<see cref="JobRowChange.ApplyTo"/>), or skipped when its account is held here.
/// Every instance re-read every write of the fleet before.
/// </summary>
public sealed class PostgreSqlJobChangeFeed(
    string connectionString,
    IAccountOwnership ownership,
    AccountScheduleLoader loader,
    StoredScheduleLoader storedSchedule,
    ProjectCatalog projects,
    LiveJobStore live,
    IDbContextFactory<TaskWatchDbContext> dbFactory,
    TimeProvider time,
    IEnumerable<IJobViewEnricher> enrichers,
    JobAcknowledger acknowledger,
    IMeterFactory meters,
    ILogger<PostgreSqlJobChangeFeed> logger) : BackgroundService
{
    private readonly IJobViewEnricher[] _enrichers = [.. enrichers];

    // What following the fleet costs this instance (issue 32: measured by the fleet bench; README "Metrics").
    private readonly Meter _meter = meters.Create(PollerMetrics.MeterName);

    /// <summary>The notification channel; its payload is a comma-separated list of entries, each naming a tracked-job row (<see cref="JobChangePayload"/>).</summary>
    public const string Channel = "taskwatch_jobs";

    private const string RereadAll = "*";

    private readonly Channel<string> _payloads = System.Threading.Channels.Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    // Touched by the apply loop only (one reader).
    private readonly Dictionary<long, KnownJobRow> _known = [];
    private long _applied;
    private long _appliedWithoutRead;

    /// <summary>Rows read and applied so far (for tests and health).</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>Other instances' writes (polls, and changes of what a live view shows) applied from their notification alone, without reading the row.</summary>
    public long AppliedWithoutRead => Interlocked.Read(ref _appliedWithoutRead);

    // Observed when a scraper collects: nothing between collections.
    private void Observe()
    {
        _meter.CreateObservableCounter("taskwatch.changefeed.rows_read", () => Applied, description: "Tracked-job rows this instance read to follow other instances' writes (a bare id, a row not read before, every row after a reconnect).");
        _meter.CreateObservableCounter("taskwatch.changefeed.applied_without_read", () => AppliedWithoutRead, description: "Other instances' writes applied from their notification alone (poll times, carried changes), without reading the row.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Observe();
        var applying = Task.Run(() => ApplyLoopAsync(stoppingToken), CancellationToken.None);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Listening for other instances' changes failed ({Reason}); again in 1 s", ex.Message);
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        _payloads.Writer.TryComplete();
        await applying.ConfigureAwait(false);
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        // Not pooled: the session stays LISTENing for the life of the feed.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 30 }.ToString());
        connection.Notification += (_, e) => _payloads.Writer.TryWrite(e.Payload);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // What was committed before this session listened was never notified to it: at start-up, what the poller's
        // load of every job (a read this feed has no order with) may have missed; after a reconnect, everything
        // while the session was gone. Read every tracked job once, now that later changes are notified. (Issue 32:
        // an instance started during the fleet bench's kill sometimes never showed a job another instance stored
        // ended while it started.)
        _payloads.Writer.TryWrite(RereadAll);

        while (true)
        {
            await connection.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ApplyLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            // A row read and published here before the start-up load publishes its own (older) read would be
            // overwritten by it; what arrives meanwhile waits in the channel.
            await storedSchedule.EveryProjectLoaded.WaitAsync(stoppingToken).ConfigureAwait(false);
            while (await _payloads.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                var ids = new HashSet<long>();
                var carried = new Dictionary<long, JobRowChange>();
                var problems = new List<string>();
                var all = false;
                while (_payloads.Reader.TryRead(out var payload))
                {
                    // "*": this feed's own ask to read every tracked job (after a reconnect).
                    all |= payload == RereadAll || !JobChangePayload.Read(payload, ids, carried, problems);
                }

                if (problems.Count > 0)
                {
                    // Another writer's format (a newer release in a rolling upgrade) or a damaged payload: nothing is
                    // lost (the rows it names are read), and the log says what was not understood.
                    logger.LogWarning("{Count} change notifications could not be read as sent; the rows were read instead. First: {Problem}", problems.Count, problems[0]);
                }

                try
                {
                    if (all)
                    {
                        await ApplyAsync(null, [], stoppingToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await ApplyAsync(ids, carried, stoppingToken).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Reading {Count} jobs changed by other instances failed", ids.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutdown
        }
    }

    // The content a row read would give (JobContent.From): the view's, with the entities carried or last known.
    private static JobContent? ContentOf(JobView view, string? entitiesJson) => view.State is not { } state
        ? null
        : new JobContent(state, view.StatusWord, view.Progress, view.Name, view.EndedUtc, view.FailReason, entitiesJson);

    /// <summary>
    /// Adds what the holder's writer adds (ETA, overdue, and a completed run learned), so a job shows the same
    /// on every instance. A job already shown done here is not enriched again: its run is learned once.
    /// </summary>
    private JobView Enrich(long rowId, JobContent? content, DateTime? lastReadUtc, int consecutiveErrors, JobView view, bool pollTimesOnly = false)
    {
        if (view.Phase == PollPhase.Done && live.Find(view.Key) is { Phase: PollPhase.Done })
        {
            return view;
        }

        var change = new JobChange(rowId, view, null, null, content, lastReadUtc ?? view.LastReadUtc ?? DateTime.MinValue, consecutiveErrors, pollTimesOnly);
        return JobViewEnrichment.Apply(_enrichers, change, view, logger);
    }

    // An account this instance holds, or has begun to take over: its jobs' views are its poller's.
    private bool IsPolledHere(string account) => ownership.Holds(account) || loader.IsTaken(account);

    /// <summary>
    /// Applies the carried changes whose rows this instance has read before (skipping those of accounts it holds: its
    /// poller's own), then reads the given rows and the changes it could not apply (null: every tracked job) and
    /// applies them to the live store and, for held accounts, the schedule.
    /// </summary>
    private async Task ApplyAsync(HashSet<long>? ids, Dictionary<long, JobRowChange> carried, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var views = new List<JobView>(carried.Count);
        var withoutRead = 0;
        foreach (var (id, change) in carried)
        {
            if (ids!.Contains(id))
            {
                continue; // the row is read anyway, after every change it names
            }

            if (!_known.TryGetValue(id, out var known))
            {
                ids.Add(id);
                continue;
            }

            if (IsPolledHere(known.Account))
            {
                // This instance polls the job: its poller published the change.
                withoutRead++;
                continue;
            }

            if (live.Find(known.Key) is not { } shown)
            {
                ids.Add(id);
                continue;
            }

            withoutRead++;
            var view = change.ApplyTo(shown, now);
            var content = change.CarriesContent ? ContentOf(view, change.EntitiesJson is { } carriedEntities ? carriedEntities.Value : known.Content?.EntitiesJson) : known.Content;
            var errors = change.ConsecutiveErrors is { } e ? e.Value : known.ConsecutiveErrors;
            if (!ReferenceEquals(content, known.Content) || errors != known.ConsecutiveErrors)
            {
                _known[id] = known with { Content = content, ConsecutiveErrors = errors };
            }

            views.Add(Enrich(id, content, view.LastReadUtc, errors, view, pollTimesOnly: change.IsPollTimesOnly));
        }

        Interlocked.Add(ref _appliedWithoutRead, withoutRead);
        if (ids is { Count: 0 })
        {
            loader.PublishFollowed(views);
            return;
        }

        var registered = new List<JobView>();

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var tracked = StoredScheduleLoader.TrackedRows(db);
        var rows = await (ids is null ? tracked : tracked.Where(j => ids.Contains(j.Id))).ToListAsync(cancellationToken).ConfigureAwait(false);
        var stopped = ids is null ? [] : await db.TrackedJobs.AsNoTracking()
            .Where(j => ids.Contains(j.Id) && !j.IsTracking)
            .Select(j => new TrackedJob { Id = j.Id, Project = j.Project, JobId = j.JobId, IsTracking = false })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            if (projects.Find(row.Project) is not { } project)
            {
                continue;
            }

            var key = new JobKey(project.Name, row.JobId);
            _known[row.Id] = new KnownJobRow(key, project.Account, JobContent.From(row), row.ConsecutiveErrors);
            if (IsPolledHere(project.Account))
            {
                // This instance polls the job: its poller publishes it. Only a registration made elsewhere is new here.
                if (live.Find(key) is not { } shown)
                {
                    if (ScheduledJobFactory.FromRow(row, projects, now) is { } job)
                    {
                        loader.Apply(row);
                        registered.Add(job.View);
                    }
                }
                else if (shown.Ack != row.Ack)
                {
                    // Acknowledged (or let go) on another instance: the one change of a held job not made here.
                    acknowledger.ApplyHere(key, row.Ack);
                }

                continue;
            }

            if (ScheduledJobFactory.FromRow(row, projects, now) is { } view)
            {
                views.Add(Enrich(row.Id, JobContent.From(row), row.LastReadUtc, row.ConsecutiveErrors, view.View));
            }
        }

        live.Publish(registered);
        loader.PublishFollowed(views);
        foreach (var row in stopped)
        {
            _known.Remove(row.Id);
            loader.Apply(row);
            live.Remove(new JobKey(projects.Find(row.Project)?.Name ?? row.Project, row.JobId));
        }

        Interlocked.Add(ref _applied, rows.Count + stopped.Count);
    }
}
