using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TaskWatch.Configuration;
using TaskWatch.Core;
using TaskWatch.Storage;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Storage;

/// <summary>Months of snapshots on a fake clock, against a real migrated SQLite file.</summary>
public sealed class SnapshotRetentionTests : IDisposable
{
    private const int Jobs = 40;
    private const int SnapshotsPerJobPerDay = 50;
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Start));
    private readonly string _path;
    private readonly PooledDbContextFactory<TaskWatchDbContext> _factory;

    public SnapshotRetentionTests()
    {
        _path = Path.Combine(_folder.Path, "taskwatch.db");
        _factory = new PooledDbContextFactory<TaskWatchDbContext>(new DbContextOptionsBuilder<TaskWatchDbContext>()
            .UseSqlite(DatabaseInitializer.ConnectionString(_path))
            .AddInterceptors(new SqlitePragmaInterceptor())
            .Options);
    }

    [Fact]
    public async Task Prune_SixMonthsWithThirtyDaysKept_OldRowsGo_FirstAndLatestStay_FileStopsGrowing()
    {
        var ct = TestContext.Current.CancellationToken;
        await DatabaseInitializer.InitializeAsync(_factory, ct);
        var jobIds = await RegisterJobsAsync(ct);
        var retention = Retention(days: 30);
        var sizes = new SortedDictionary<int, long>();
        var deleted = 0;
        for (var day = 0; day < 180; day++)
        {
            await InsertDayAsync(jobIds, day, ct);
            _time.Advance(TimeSpan.FromDays(1));
            deleted += await retention.PruneAsync(ct);
            if (day % 30 == 29)
            {
                sizes[day + 1] = new FileInfo(_path).Length;
            }
        }

        var cutoff = UtcTicks.Of(_time.GetUtcNow().UtcDateTime - TimeSpan.FromDays(30));
        // Everything older than 30 days except each job's first.
        Assert.Equal((Jobs * SnapshotsPerJobPerDay * 150) - Jobs, deleted);
        // Past the retention only each job's first snapshot is left (its latest is from today).
        Assert.Equal(Jobs, await CountAsync($"SELECT COUNT(*) FROM JobSnapshots WHERE ObservedUtc < {cutoff}", ct));
        Assert.Equal(Jobs, await CountAsync($"SELECT COUNT(*) FROM JobSnapshots WHERE ObservedUtc = {UtcTicks.Of(Start)}", ct));
        Assert.Equal(Jobs, await CountAsync($"SELECT COUNT(*) FROM JobSnapshots WHERE Id IN (SELECT MAX(Id) FROM JobSnapshots GROUP BY TrackedJobId) AND ObservedUtc >= {UtcTicks.Of(Start.AddDays(179))}", ct));
        Assert.Equal(0, await CountAsync("PRAGMA freelist_count", ct));
        // After the first retention period the file holds steady; without retention it would be six times the size.
        TestContext.Current.TestOutputHelper?.WriteLine("Database file: " + string.Join(", ", sizes.Select(x => $"day {x.Key} {x.Value:N0} bytes")));
        var settled = sizes[60];
        Assert.All(sizes.Where(s => s.Key > 60), s => Assert.True(s.Value <= settled * 1.1, $"day {s.Key}: {s.Value:N0} bytes against {settled:N0} at day 60 ({string.Join(", ", sizes.Select(x => $"day {x.Key} {x.Value:N0}"))})"));
    }

    [Fact]
    public async Task Prune_AJobSeenOnlyLongAgo_KeepsItsFirstAndLatest()
    {
        var ct = TestContext.Current.CancellationToken;
        await DatabaseInitializer.InitializeAsync(_factory, ct);
        var jobIds = await RegisterJobsAsync(ct);
        await InsertDayAsync(jobIds, 0, ct);
        _time.Advance(TimeSpan.FromDays(400));

        var deleted = await Retention(days: 7).PruneAsync(ct);

        Assert.Equal(Jobs * (SnapshotsPerJobPerDay - 2), deleted);
        Assert.Equal(Jobs * 2, await CountAsync("SELECT COUNT(*) FROM JobSnapshots", ct));
        Assert.Equal(Jobs, await CountAsync($"SELECT COUNT(*) FROM JobSnapshots WHERE ObservedUtc = {UtcTicks.Of(Start)}", ct));
    }

    [Fact]
    public async Task Retention_Default_KeepsEverythingForever()
    {
        var ct = TestContext.Current.CancellationToken;
        await DatabaseInitializer.InitializeAsync(_factory, ct);
        var jobIds = await RegisterJobsAsync(ct);
        await InsertDayAsync(jobIds, 0, ct);
        var retention = Retention(days: new TaskWatchOptions().SnapshotRetentionDays);
        await retention.StartAsync(ct);
        _time.Advance(TimeSpan.FromDays(3650));

        Assert.Equal(0, await retention.PruneAsync(ct));
        await retention.StopAsync(ct);
        Assert.Equal(Jobs * SnapshotsPerJobPerDay, await CountAsync("SELECT COUNT(*) FROM JobSnapshots", ct));
    }

    [Fact]
    public async Task Retention_AsHostedService_PrunesOnItsClockOffThePollPath()
    {
        var ct = TestContext.Current.CancellationToken;
        await DatabaseInitializer.InitializeAsync(_factory, ct);
        var jobIds = await RegisterJobsAsync(ct);
        await InsertDayAsync(jobIds, 0, ct);
        var retention = Retention(days: 1);
        await retention.StartAsync(ct);
        _time.Advance(TimeSpan.FromDays(2));

        // Passes come on the service's own clock, an hour apart: the clock moves an hour per look.
        await TestApp.EventuallyAsync<bool>(
            async () =>
            {
                _time.Advance(SnapshotRetention.Interval);
                return await CountAsync("SELECT COUNT(*) FROM JobSnapshots", ct) == Jobs * 2 ? true : null;
            },
            TimeSpan.FromSeconds(30),
            "an hourly pass to delete the day-old snapshots");
        await retention.StopAsync(ct);
    }

    public void Dispose() => _folder.Dispose();

    private SnapshotRetention Retention(int days) =>
        new(_factory, Options.Create(new TaskWatchOptions { Database = _path, SnapshotRetentionDays = days }), _time, NullLogger<SnapshotRetention>.Instance);

    private async Task<List<long>> RegisterJobsAsync(CancellationToken ct)
    {
        await using var db = await _factory.CreateDbContextAsync(ct);
        var jobs = Enumerable.Range(0, Jobs).Select(i => new TrackedJob
        {
            Project = "prod-rds",
            JobId = $"job-{i:D4}",
            Service = CloudService.Rds,
            RegisteredUtc = Start,
            Name = "CreateMysqlInstance",
        }).ToList();
        db.TrackedJobs.AddRange(jobs);
        await db.SaveChangesAsync(ct);
        return [.. jobs.Select(j => j.Id)];
    }

    // One simulated day of changes: each job's progress and status word, a fail reason now and then.
    private async Task InsertDayAsync(List<long> jobIds, int day, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(DatabaseInitializer.ConnectionString(_path));
        await connection.OpenAsync(ct);
        await using var transaction = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO JobSnapshots (TrackedJobId, ObservedUtc, State, StatusWord, Progress, FailReason) VALUES ($job, $at, 1, 'Running', $progress, $reason)";
        var job = insert.Parameters.Add("$job", SqliteType.Integer);
        var at = insert.Parameters.Add("$at", SqliteType.Integer);
        var progress = insert.Parameters.Add("$progress", SqliteType.Integer);
        var reason = insert.Parameters.Add("$reason", SqliteType.Text);
        for (var n = 0; n < SnapshotsPerJobPerDay; n++)
        {
            foreach (var id in jobIds)
            {
                job.Value = id;
                at.Value = UtcTicks.Of(Start.AddDays(day) + (TimeSpan.FromDays(1) * n / SnapshotsPerJobPerDay));
                progress.Value = n * 2;
                reason.Value = n % 10 == 0 ? new string('x', 200) : DBNull.Value;
                await insert.ExecuteNonQueryAsync(ct);
            }
        }

        await transaction.CommitAsync(ct);
    }

    private async Task<long> CountAsync(string sql, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(DatabaseInitializer.ConnectionString(_path));
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
