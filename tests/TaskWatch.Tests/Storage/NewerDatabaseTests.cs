using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using TaskWatch.Hosting;
using TaskWatch.Storage;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Storage;

/// <summary>A database a newer release migrated is refused with one clear line, and left as it was.</summary>
public sealed class NewerDatabaseTests
{
    private const string FutureMigration = "20991231000000_FromANewerRelease";

    [Fact]
    public async Task Start_OnADatabaseWithAnUnknownMigration_StopsWithOneLineAndWritesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "newer.db");
        var factory = new PooledDbContextFactory<TaskWatchDbContext>(new DbContextOptionsBuilder<TaskWatchDbContext>()
            .UseSqlite($"Data Source={path};Pooling=False").Options);
        await DatabaseInitializer.InitializeAsync(factory, ct);
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await db.Database.ExecuteSqlRawAsync($"INSERT INTO \"__EFMigrationsHistory\" VALUES ('{FutureMigration}', '11.0.0'); PRAGMA wal_checkpoint(TRUNCATE);", ct);
        }

        SqliteConnection.ClearAllPools();
        var before = Fingerprint(path);

        var refused = await Assert.ThrowsAsync<StartupException>(() => TestApp.StartAsync(
            new Dictionary<string, string?> { ["TaskWatch:Demo:Enabled"] = "false" }, databasePath: path));

        var line = Assert.Single(refused.Problems);
        Assert.Contains(path, line, StringComparison.Ordinal);
        Assert.Contains(FutureMigration, line, StringComparison.Ordinal);
        Assert.Contains("newer TaskWatch release", line, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, Fingerprint(path));
    }

    /// <summary>The file's bytes and the rows the history table holds: "nothing written" in a form a failure can show.</summary>
    private static string Fingerprint(string path)
    {
        var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(MigrationId, ' ') FROM __EFMigrationsHistory";
        return $"{command.ExecuteScalar()} {hash}";
    }
}
