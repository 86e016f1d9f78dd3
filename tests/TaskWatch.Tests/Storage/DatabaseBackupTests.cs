using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TaskWatch.Hosting;
using TaskWatch.Storage;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Storage;

/// <summary>
/// The way back from an upgrade: a database made by an earlier release (Fixtures/README.md) is copied beside itself
/// before it is migrated, the last few copies kept; with no room for the copy start-up stops and nothing is migrated.
/// </summary>
public sealed class DatabaseBackupTests : IDisposable
{
    private const string Fixture = "release-a25553f";
    private readonly TempFolder _folder = new();
    private readonly string _path;
    private readonly string _fixture = Path.Combine(AppContext.BaseDirectory, "Storage", "Fixtures", Fixture + ".db");

    public DatabaseBackupTests()
    {
        _path = Path.Combine(_folder.Path, "taskwatch.db");
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Upgrade_OfAnEarlierReleasesFile_WritesACopyOfItFirst_AndKeepsTheLastTwo()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));
        var backups = new SqliteBackups(kept: 2);
        var rowsBefore = Count(_fixture, "JobSnapshots");

        for (var upgrade = 0; upgrade < 3; upgrade++)
        {
            // The earlier release's file again each time, as three upgrades of three old files would be.
            SqliteConnection.ClearAllPools();
            File.Copy(_fixture, _path, overwrite: true);
            time.Advance(TimeSpan.FromMinutes(1));
            await DatabaseInitializer.InitializeAsync(Factory(_path), backups, time, ct);
        }

        var copies = Directory.GetFiles(_folder.Path, "taskwatch.db.before-upgrade-*.db").Order(StringComparer.Ordinal).ToList();
        Assert.Equal([SqliteBackups.UpgradeCopyOf(_path, new DateTime(2026, 12, 4, 10, 2, 0, DateTimeKind.Utc)), SqliteBackups.UpgradeCopyOf(_path, new DateTime(2026, 12, 4, 10, 3, 0, DateTimeKind.Utc))], copies);

        // The copy is the database as the earlier release left it: its rows, its migrations, none of this release's.
        var copy = copies[^1];
        Assert.Equal(rowsBefore, Count(copy, "JobSnapshots"));
        Assert.Equal("ok", Scalar(copy, "PRAGMA integrity_check"));
        await using var old = await Factory(copy).CreateDbContextAsync(ct);
        Assert.NotEmpty(await old.Database.GetPendingMigrationsAsync(ct));
        await using var upgraded = await Factory(_path).CreateDbContextAsync(ct);
        Assert.Empty(await upgraded.Database.GetPendingMigrationsAsync(ct));
    }

    [Fact]
    public async Task NewDatabase_NeedsNoCopy()
    {
        await DatabaseInitializer.InitializeAsync(Factory(_path), new SqliteBackups(kept: 3), TimeProvider.System, TestContext.Current.CancellationToken);

        Assert.Empty(Directory.GetFiles(_folder.Path, "*before-upgrade*"));
    }

    [Fact]
    public async Task Start_WithNoRoomForTheCopy_StopsWithOneClearLine_AndMigratesNothing()
    {
        File.Copy(_fixture, _path);
        var full = new SqliteBackups(kept: 3, freeBytes: _ => 1024 * 1024);

        var refused = await Assert.ThrowsAsync<StartupException>(() => TestApp.StartAsync(
            new Dictionary<string, string?> { ["TaskWatch:Demo:Enabled"] = "false" },
            _path,
            configure: b => b.Services.AddSingleton(full)));

        var line = Assert.Single(refused.Problems);
        Assert.StartsWith($"TaskWatch:Database: a backup of '{_path}' needs about ", line, StringComparison.Ordinal);
        Assert.Contains($"free in {_folder.Path}; 1 MB are free.", line, StringComparison.Ordinal);
        Assert.Contains("TaskWatch:Storage:Backups=0", line, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        await using var db = await Factory(_path).CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*before-upgrade*"));
    }

    [Fact]
    public async Task Upgrade_ThatRewritesTheFile_AsksRoomForTheCopyAndTheRewrite()
    {
        // The earlier release's file meets SnapshotRetentionVacuum, whose VACUUM writes the file a second time.
        File.Copy(_fixture, _path);
        var copyOnly = SqliteBackups.Needed(_path);
        var backups = new SqliteBackups(kept: 3, freeBytes: _ => copyOnly);

        var refused = await Assert.ThrowsAsync<DatabaseBackupException>(() => DatabaseInitializer.InitializeAsync(Factory(_path), backups, TimeProvider.System, TestContext.Current.CancellationToken));

        Assert.Contains("needs about", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder.Path, "*before-upgrade*"));
    }

    private static PooledDbContextFactory<TaskWatchDbContext> Factory(string path) => new(new DbContextOptionsBuilder<TaskWatchDbContext>()
        .UseSqlite($"Data Source={path};Pooling=False")
        .AddInterceptors(new SqlitePragmaInterceptor())
        .Options);

    private static long Count(string path, string table) => Convert.ToInt64(Scalar(path, $"SELECT COUNT(*) FROM \"{table}\""), System.Globalization.CultureInfo.InvariantCulture);

    private static string Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
