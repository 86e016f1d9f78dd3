using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TaskWatch.Configuration;

namespace TaskWatch.Storage;

/// <summary>
/// Enforces <c>TaskWatch:SnapshotRetentionDays</c> (0, the default, keeps everything): once an hour, off
/// the poll path, deletes snapshots older than that in small batches — never a job's first snapshot (when
/// it was first seen) nor its latest (what it is now) — then gives the freed pages back to the file
/// system (on SQLite incremental auto-vacuum, set by the SnapshotRetentionVacuum migration; PostgreSQL's
/// autovacuum does that on its own). Several instances on one PostgreSQL database take turns: a pass runs only
/// while its instance holds the retention lease (a session advisory lock, as the accounts' leases), so one
/// deletes while the others skip. On SQLite one instance owns the file. Its work is in the metrics
/// (<c>taskwatch.retention.*</c> on the TaskWatch meter).
/// </summary>
public sealed class SnapshotRetention : BackgroundService
{
    /// <summary>The retention lease's keys: "TWR1" in ASCII (beside the accounts' "TWA1" in pg_locks), and 0.</summary>
    public const int LeaseSpace = 0x54575231;

    private long _deleted;
    private long _pruned;
    private long _skipped;
    private long _failed;

    private readonly IDbContextFactory<TaskWatchDbContext> _dbFactory;
    private readonly IOptions<TaskWatchOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SnapshotRetention> _logger;
    private readonly Meter? _meter;
    private readonly Histogram<double>? _duration;

    public SnapshotRetention(
        IDbContextFactory<TaskWatchDbContext> dbFactory,
        IOptions<TaskWatchOptions> options,
        TimeProvider time,
        ILogger<SnapshotRetention> logger,
        IMeterFactory? meterFactory = null)
    {
        _dbFactory = dbFactory;
        _options = options;
        _time = time;
        _logger = logger;
        if (meterFactory is not null)
        {
            // The TaskWatch meter (the name PollerMetrics.MeterName gives it): retention's instruments sit with retention.
            _meter = meterFactory.Create("TaskWatch");
            _meter.CreateObservableCounter("taskwatch.retention.deleted", () => Deleted, description: "Snapshots deleted by retention (TaskWatch:SnapshotRetentionDays).");
            _meter.CreateObservableCounter(
                "taskwatch.retention.passes",
                () => new[]
                {
                    new Measurement<long>(Pruned, new KeyValuePair<string, object?>("outcome", "pruned")),
                    new Measurement<long>(Skipped, new KeyValuePair<string, object?>("outcome", "skipped")),
                    new Measurement<long>(Interlocked.Read(ref _failed), new KeyValuePair<string, object?>("outcome", "failed")),
                },
                description: "Retention passes by outcome: pruned (ran here), skipped (another instance held the lease), failed.");
            _duration = _meter.CreateHistogram<double>("taskwatch.retention.pass.duration", unit: "s", description: "Time of one retention pass that ran here, the space given back included.");
        }
    }

    /// <summary>Snapshots deleted since start.</summary>
    public long Deleted => Interlocked.Read(ref _deleted);

    /// <summary>Passes this instance ran to the end.</summary>
    public long Pruned => Interlocked.Read(ref _pruned);

    /// <summary>Passes skipped because another instance held the retention lease.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>How often old snapshots are looked for; the first look comes this long after start-up too.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Rows per delete: each batch holds the write lock for a moment, so the poll writer is never kept waiting long.</summary>
    public const int BatchSize = 500;

    // Real time on purpose (it paces the lock, it is no part of the schedule): the writer's turn between batches.
    private static readonly TimeSpan BatchPause = TimeSpan.FromMilliseconds(10);

    // A job's first and latest by when they were observed: one seek each in the (TrackedJobId, ObservedUtc)
    // index (MIN/MAX of Id read every entry of the job). A tie with the first or the latest keeps the row.
    private const string DeleteBatch = """
        DELETE FROM "JobSnapshots" WHERE "Id" IN (
            SELECT s."Id" FROM "JobSnapshots" AS s
            WHERE s."Id" > @after AND s."ObservedUtc" < @cutoff
              AND s."ObservedUtc" > (SELECT MIN(f."ObservedUtc") FROM "JobSnapshots" AS f WHERE f."TrackedJobId" = s."TrackedJobId")
              AND s."ObservedUtc" < (SELECT MAX(l."ObservedUtc") FROM "JobSnapshots" AS l WHERE l."TrackedJobId" = s."TrackedJobId")
            ORDER BY s."Id"
            LIMIT @limit)
        RETURNING "Id";
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Value.SnapshotRetentionDays <= 0)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Interval, _time, stoppingToken).ConfigureAwait(false);
            try
            {
                await PruneAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next pass tries again; a failed pass loses nothing.
                Interlocked.Increment(ref _failed);
                _logger.LogError(ex, "Deleting old snapshots failed; trying again in {Interval}", Interval);
            }
        }
    }

    /// <summary>One pass: every snapshot past the retention that may go, batch by batch. Returns how many went.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var days = _options.Value.SnapshotRetentionDays;
        if (days <= 0)
        {
            return 0;
        }

        var cutoff = _time.GetUtcNow().UtcDateTime - TimeSpan.FromDays(days);
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        var shared = !db.Database.IsSqlite();
        if (shared && !await LeaseAsync(connection, "SELECT pg_try_advisory_lock(@space, 0);", cancellationToken).ConfigureAwait(false))
        {
            Interlocked.Increment(ref _skipped);
            _logger.LogInformation("Another TaskWatch instance is deleting old snapshots; this one skips the pass");
            return 0;
        }

        try
        {
            return await PruneHeldAsync(db, connection, cutoff, days, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (shared)
            {
                // The connection goes back to the pool with its session: the lease must be given back by hand.
                await LeaseAsync(connection, "SELECT pg_advisory_unlock(@space, 0);", CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task<int> PruneHeldAsync(TaskWatchDbContext db, DbConnection connection, DateTime cutoff, int days, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var deleted = 0;
        long after = 0;
        while (true)
        {
            var ids = await DeleteBatchAsync(connection, after, UtcTicks.Of(cutoff), cancellationToken).ConfigureAwait(false);
            deleted += ids.Count;
            if (ids.Count < BatchSize)
            {
                break;
            }

            after = ids.Max();
            await Task.Delay(BatchPause, cancellationToken).ConfigureAwait(false);
        }

        if (deleted > 0)
        {
            if (db.Database.IsSqlite())
            {
                await ReclaimAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            _logger.LogInformation("Deleted {Count} snapshots observed before {Cutoff:u} (retention {Days} days)", deleted, cutoff, days);
        }

        Interlocked.Add(ref _deleted, deleted);
        Interlocked.Increment(ref _pruned);
        _duration?.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return deleted;
    }

    public override void Dispose()
    {
        _meter?.Dispose();
        base.Dispose();
    }

    private static async Task<bool> LeaseAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Add("@space", DbType.Int32).Value = LeaseSpace;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }

    private static async Task<List<long>> DeleteBatchAsync(DbConnection connection, long after, long cutoffTicks, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = DeleteBatch;
        command.Add("@after", DbType.Int64).Value = after;
        command.Add("@cutoff", DbType.Int64).Value = cutoffTicks;
        command.Add("@limit", DbType.Int32).Value = BatchSize;
        var ids = new List<long>(BatchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    // incremental_vacuum moves the free pages to the end and cuts them off; under WAL the file shrinks when
    // the log is written back, so a truncating checkpoint follows (it gives up, harmlessly, if a reader holds it).
    private static async Task ReclaimAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA incremental_vacuum;";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
