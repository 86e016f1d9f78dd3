using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using TaskWatch.Storage;

namespace TaskWatch.Tracking;

/// <summary>
/// The writer's own open connection (made by the app's context factory, so it has the configured
/// file and pragmas), kept from batch to batch. A poll batch is small (the writer keeps up, so it
/// stores what a few milliseconds brought): creating a context, opening a pooled connection (on SQLite its
/// pragmas run on every open) and disposing both for each batch cost more CPU than the rows
/// themselves. After a failed write the writer drops the session and starts a fresh one.
/// </summary>
internal sealed class JobWriteSession : IAsyncDisposable
{
    private JobWriteSession(TaskWatchDbContext db, DbConnection connection)
    {
        Db = db;
        Connection = connection;
    }

    private TaskWatchDbContext Db { get; }

    public DbConnection Connection { get; }

    public static async Task<JobWriteSession> OpenAsync(IDbContextFactory<TaskWatchDbContext> factory, CancellationToken cancellationToken)
    {
        var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Opened here, it stays open: EF closes only connections it opened itself.
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return new JobWriteSession(db, db.Database.GetDbConnection());
        }
        catch
        {
            await db.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Db.Database.CloseConnectionAsync().ConfigureAwait(false);
        await Db.DisposeAsync().ConfigureAwait(false);
    }
}
