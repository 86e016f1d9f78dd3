using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TaskWatch.Storage;

namespace TaskWatch.Tracking;

/// <summary>
/// The writer's own context and open connection, kept from batch to batch. A poll batch is small
/// (the writer keeps up, so it stores what a few milliseconds brought): creating a context, opening
/// a pooled connection (its pragmas run on every open) and disposing both for each batch cost more
/// CPU than the rows themselves. Tracked entities are cleared after every batch; after a failed
/// write the writer drops the session and starts a fresh one.
/// </summary>
internal sealed class JobWriteSession : IAsyncDisposable
{
    private JobWriteSession(TaskWatchDbContext db, SqliteConnection connection)
    {
        Db = db;
        Connection = connection;
    }

    public TaskWatchDbContext Db { get; }

    public SqliteConnection Connection { get; }

    public static async Task<JobWriteSession> OpenAsync(IDbContextFactory<TaskWatchDbContext> factory, CancellationToken cancellationToken)
    {
        var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            // Opened here, it stays open: EF closes only connections it opened itself.
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return new JobWriteSession(db, (SqliteConnection)db.Database.GetDbConnection());
        }
        catch
        {
            await db.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Forgets the rows the last batch attached, so the next batch starts clean.</summary>
    public void Reset() => Db.ChangeTracker.Clear();

    public async ValueTask DisposeAsync()
    {
        await Db.Database.CloseConnectionAsync().ConfigureAwait(false);
        await Db.DisposeAsync().ConfigureAwait(false);
    }
}
