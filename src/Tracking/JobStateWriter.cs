using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using TaskWatch.Core;
using TaskWatch.Live;
using TaskWatch.Storage;

namespace TaskWatch.Tracking;

/// <summary>
/// The one writer of poll results: drains changes in batches, stores each batch in one transaction,
/// and only then tells the live feed, so a page never shows what the database does not have. A write
/// that fails (locked, read-only, full disk) keeps its batch and tries again: nothing is dropped.
/// </summary>
public sealed class JobStateWriter(
    IDbContextFactory<TaskWatchDbContext> dbFactory,
    LiveJobStore live,
    StorageHealth health,
    PollerMetrics metrics,
    TimeProvider time,
    ILogger<JobStateWriter> logger,
    IEnumerable<IJobViewEnricher> enrichers,
    IEnumerable<IJobCommitListener> listeners) : BackgroundService
{
    private const int MaxBatch = 1000;

    /// <summary>Shortest time between the starts of two batches: a change waits at most this long to be stored.</summary>
    public static readonly TimeSpan MinBatchSpacing = TimeSpan.FromMilliseconds(20);

    private long _lastBatchStarted;
    private readonly Channel<JobChange> _changes = Channel.CreateUnbounded<JobChange>();

    public void Enqueue(JobChange change)
    {
        _changes.Writer.TryWrite(change);
    }

    /// <summary>Waits until everything enqueued so far is stored (shutdown, tests).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (_changes.Reader.Count > 0 || _writing)
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    private volatile bool _writing;

    private JobWriteSession? _session;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<JobChange>(MaxBatch);
        try
        {
            while (await _changes.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                await DrainAsync(batch, stoppingToken, gather: true).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: store what is already queued, within the host's shutdown time (after the poller's 2 s).
            using var last = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await DrainAsync(batch, last.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                logger.LogWarning("Shutdown: {Count} poll results were not stored in time; they will be read again after restart", _changes.Reader.Count + batch.Count);
            }
        }
        finally
        {
            await DropSessionAsync().ConfigureAwait(false);
        }
    }

    private async Task DropSessionAsync()
    {
        if (_session is { } session)
        {
            _session = null;
            try
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Closing the writer's database connection failed");
            }
        }
    }

    private async Task DrainAsync(List<JobChange> batch, CancellationToken cancellationToken, bool gather = false)
    {
        while (batch.Count > 0 || _changes.Reader.TryPeek(out _))
        {
            if (gather)
            {
                await GatherAsync(cancellationToken).ConfigureAwait(false);
            }

            _writing = true;
            while (batch.Count < MaxBatch && _changes.Reader.TryRead(out var change))
            {
                batch.Add(change);
            }

            health.PendingChanges = batch.Count + _changes.Reader.Count;
            try
            {
                var started = Stopwatch.GetTimestamp();
                await WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                metrics.BatchStored(Stopwatch.GetElapsedTime(started));
                health.Recovered();
                var views = batch.Select(Enrich).ToList();
                live.Publish(views);
                Tell(batch, views);
                batch.Clear();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The connection may be left in any state by the failure: the next try opens a fresh one.
                await DropSessionAsync().ConfigureAwait(false);
                // The banner and the open /healthz show the kind; the message (paths, hosts, users) is in the log line below.
                var category = DatabaseFailure.Categorize(ex);
                health.Failed($"Cannot write to the database: {category}.", time.GetUtcNow().UtcDateTime, category);
                metrics.StorageFailed();
                logger.LogError(ex, "Storing {Count} poll results failed; retrying in 2 s", batch.Count);
                await Task.Delay(TimeSpan.FromSeconds(2), time, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _writing = false;
            }
        }
    }

    /// <summary>
    /// Lets a batch start no sooner than <see cref="MinBatchSpacing"/> after the previous one. With
    /// polls completing every millisecond the writer stored a handful at a time, over a hundred times
    /// a second, and each batch has a cost of its own (a transaction, a wake-up, the live feed's turn).
    /// Real time on purpose: this paces CPU, it is no part of the schedule a fake clock drives in tests.
    /// </summary>
    private async Task GatherAsync(CancellationToken cancellationToken)
    {
        var wait = MinBatchSpacing - Stopwatch.GetElapsedTime(_lastBatchStarted);
        if (wait > TimeSpan.Zero && _changes.Reader.Count < MaxBatch)
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }

        _lastBatchStarted = Stopwatch.GetTimestamp();
    }

    // After the commit: a fault here must not make the batch look unstored (it would be written twice).
    private JobView Enrich(JobChange change) => JobViewEnrichment.Apply(_enrichers, change, change.View, logger);

    // A listener's fault must not cost the batch (it is stored) nor stop the writer.
    private void Tell(List<JobChange> batch, List<JobView> views)
    {
        foreach (var listener in _listeners)
        {
            try
            {
                listener.Committed(batch, views);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A post-commit listener ({Listener}) failed", listener.GetType().Name);
            }
        }
    }

    private readonly IJobViewEnricher[] _enrichers = [.. enrichers];
    private readonly IJobCommitListener[] _listeners = [.. listeners];

    private async Task WriteAsync(List<JobChange> batch, CancellationToken cancellationToken)
    {
        var session = _session ??= await JobWriteSession.OpenAsync(dbFactory, cancellationToken).ConfigureAwait(false);
        var connection = session.Connection;
        using var transaction = connection.BeginTransaction();

        // Several changes of one job in a batch: every snapshot counts, the last view wins the row. The
        // row is rewritten from its latest change that moved more than the poll times; poll times
        // that moved after it are stored alone.
        var latest = new Dictionary<long, JobChange>();
        var rewritten = new HashSet<long>();
        TrackedJobRewriteCommand? rewrite = null;
        try
        {
            for (var i = batch.Count - 1; i >= 0; i--)
            {
                var change = batch[i];
                latest.TryAdd(change.RowId, change);
                if (!change.PollTimesOnly && rewritten.Add(change.RowId))
                {
                    rewrite ??= new TrackedJobRewriteCommand(connection, transaction);
                    Rewrite(rewrite, change);
                }
            }
        }
        finally
        {
            rewrite?.Dispose();
        }

        // One statement for the batch's poll times on PostgreSQL, so other instances hear of them in one
        // notification per up to 120 jobs (PollTimesUpdateCommand).
        using (var times = new PollTimesUpdateCommand(connection, transaction))
        {
            foreach (var change in latest.Values)
            {
                if (change.PollTimesOnly)
                {
                    times.Add(change.RowId, change.ObservedUtc, change.View.LastReadUtc, change.View.NextPollUtc);
                }
            }

            times.Execute();
        }

        using (var insert = new SnapshotInsertCommand(connection, transaction))
        {
            foreach (var change in batch)
            {
                if (change.Snapshot is { } s)
                {
                    insert.Insert(SnapshotRow(change.RowId, change.ObservedUtc, s, change.Previous));
                }
            }
        }

        transaction.Commit();
    }

    private static void Rewrite(TrackedJobRewriteCommand rewrite, JobChange change)
    {
        var v = change.View;
        rewrite.SetPolling(change.RowId, v.Phase, change.ObservedUtc, v.NextPollUtc, v.LastReadUtc, v.LastErrorOutcome, v.LastError, v.ErrorSinceUtc, change.ConsecutiveErrors);
        if (v.State is { } state)
        {
            rewrite.SetContent(state, v.StatusWord, v.Progress, v.Name, v.EndedUtc, v.FailReason, v.InstanceId, v.InstanceName, v.CreatedUtc, v.LastChangeUtc);
        }

        if (change.Job is { } job)
        {
            rewrite.SetBodyTimes(job.Created?.Text, job.Ended?.Text);
            if (change.Snapshot?.EntitiesJson is { } entities)
            {
                rewrite.SetEntities(entities);
            }

            if (job.Entities is not null || change.Snapshot is not null)
            {
                rewrite.SetRawJson(job.RawJson);
            }
        }

        rewrite.Execute();
    }

    private static JobSnapshot SnapshotRow(long rowId, DateTime observed, JobContent now, JobContent? before) => new()
    {
        TrackedJobId = rowId,
        ObservedUtc = observed,
        State = now.State,
        StatusWord = now.StatusWord,
        Progress = now.Progress,
        Name = now.Name != before?.Name ? now.Name : null,
        EndedUtc = now.EndedUtc != before?.EndedUtc ? now.EndedUtc : null,
        FailReason = now.FailReason != before?.FailReason ? now.FailReason : null,
        EntitiesJson = now.EntitiesJson != before?.EntitiesJson ? now.EntitiesJson : null,
    };
}
