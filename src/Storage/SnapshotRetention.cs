using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TaskWatch.Configuration;

namespace TaskWatch.Storage;

/// <summary>
/// Enforces <c>TaskWatch:SnapshotRetentionDays</c> (0, the default, keeps everything): once an hour, off
/// the poll path, deletes snapshots older than that in small batches — never a job's first snapshot (when
/// it was first seen) nor its latest (what it is now) — then gives the freed pages back to the file
/// system (on SQLite incremental auto-vacuum, set by the SnapshotRetentionVacuum migration; PostgreSQL's
/// autovacuum does that on its own).
/// </summary>
public sealed class SnapshotRetention(
    IDbContextFactory<TaskWatchDbContext> dbFactory,
    IOptions<TaskWatchOptions> options,
    TimeProvider time,
    ILogger<SnapshotRetention> logger) : BackgroundService
{
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
        if (options.Value.SnapshotRetentionDays <= 0)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
            try
            {
                await PruneAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next pass tries again; a failed pass loses nothing.
                logger.LogError(ex, "Deleting old snapshots failed; trying again in {Interval}", Interval);
            }
        }
    }

    /// <summary>One pass: every snapshot past the retention that may go, batch by batch. Returns how many went.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var days = options.Value.SnapshotRetentionDays;
        if (days <= 0)
        {
            return 0;
        }

        var cutoff = time.GetUtcNow().UtcDateTime - TimeSpan.FromDays(days);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
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

            logger.LogInformation("Deleted {Count} snapshots observed before {Cutoff:u} (retention {Days} days)", deleted, cutoff, days);
        }

        return deleted;
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
