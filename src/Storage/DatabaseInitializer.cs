using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace TaskWatch.Storage;

/// <summary>
/// Creates and migrates the database at start-up (from <c>migrations/</c>, never EnsureCreated) and on
/// SQLite turns WAL on. Several PostgreSQL instances may start at once: EF Core's migration lock lets one
/// migrate while the others wait.
/// </summary>
public static class DatabaseInitializer
{
    /// <summary>The SQLite migration that rewrites the whole file with VACUUM (SnapshotRetentionVacuum).</summary>
    public const string RewritingMigration = "_SnapshotRetentionVacuum";

    /// <exception cref="NewerDatabaseException">The file was migrated by a newer release; nothing was written.</exception>
    public static Task InitializeAsync(IDbContextFactory<TaskWatchDbContext> factory, CancellationToken cancellationToken) =>
        InitializeAsync(factory, backups: null, TimeProvider.System, cancellationToken);

    /// <param name="backups">SQLite: before migrating an existing file, a consistent copy beside it (null or none kept: no copy).</param>
    /// <exception cref="NewerDatabaseException">The file was migrated by a newer release; nothing was written.</exception>
    /// <exception cref="DatabaseBackupException">The copy before the upgrade could not be written (no room); nothing was migrated.</exception>
    public static async Task InitializeAsync(IDbContextFactory<TaskWatchDbContext> factory, SqliteBackups? backups, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        // EF Core would migrate around a migration it does not know and run on a schema it does not
        // understand: a newer release's file is refused before anything is written to it.
        var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false);
        var unknown = applied.Except(db.Database.GetMigrations(), StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            var connection = db.Database.GetDbConnection();
            throw new NewerDatabaseException(db.Database.IsSqlite() ? connection.DataSource : $"{connection.Database} at {connection.DataSource}", unknown);
        }

        // An upgrade rewrites the file in place (one release also runs a full VACUUM) and an older release refuses
        // the result: the way back is a copy taken first. A new, empty database needs none.
        var pending = db.Database.IsSqlite() && applied.Any() ? (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList() : [];
        if (backups is { Kept: > 0 } && pending.Count > 0)
        {
            var connection = db.Database.GetDbConnection();
            // A migration that runs VACUUM writes a second copy of the file while it works: room for it is asked too.
            var rewrites = pending.Any(m => m.EndsWith(RewritingMigration, StringComparison.Ordinal));
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await backups.WriteBeforeUpgradeAsync(connection, connection.DataSource, time.GetUtcNow().UtcDateTime, rewrites, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await db.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }

        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsSqlite())
        {
            // journal_mode is stored in the file: once set, every later connection uses WAL.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The connection string for a database file path, creating its folder.</summary>
    public static string ConnectionString(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new SqliteConnectionStringBuilder { DataSource = full, Pooling = true }.ToString();
    }

    /// <summary>Null when the file (or its folder) can be written, else why not, for the start-up message.</summary>
    public static string? CheckWritable(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            var folder = Path.GetDirectoryName(full)!;
            Directory.CreateDirectory(folder);
            if (File.Exists(full))
            {
                using var _ = File.Open(full, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            }
            else
            {
                var probe = Path.Combine(folder, $".taskwatch-write-probe-{Guid.NewGuid():N}");
                File.WriteAllBytes(probe, []);
                File.Delete(probe);
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return ex.GetType().Name.Replace("Exception", string.Empty, StringComparison.Ordinal) + ": " + ex.Message;
        }
    }
}
