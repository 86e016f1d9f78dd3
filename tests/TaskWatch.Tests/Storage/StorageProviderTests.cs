using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TaskWatch.Configuration;
using TaskWatch.Core;
using TaskWatch.Storage;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Storage;

/// <summary>
/// The storage code on both providers, against a real migrated database each: what the poller writes through
/// its prepared statements, what the pages and the API read back, and what retention keeps. The same code and
/// the same answers on SQLite and on PostgreSQL.
/// </summary>
public sealed class StorageProviderTests(PostgreSqlServer server)
{
    private static readonly DateTime Start = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(StorageUnderTest.Providers), MemberType = typeof(StorageUnderTest))]
    public async Task PreparedWrites_AreReadBackByTheQueries_AndFillTheJobNames(StorageProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var storage = await StorageUnderTest.CreateAsync(provider, server, ct);
        var id = await RegisterAsync(storage, "prod-rds", "job-1", Start, ct);

        await using (var db = await storage.Factory.CreateDbContextAsync(ct))
        {
            await db.Database.OpenConnectionAsync(ct);
            var connection = db.Database.GetDbConnection();
            using var transaction = connection.BeginTransaction();
            using (var rewrite = new TrackedJobRewriteCommand(connection, transaction))
            {
                rewrite.SetPolling(id, PollPhase.Active, Start.AddSeconds(5), Start.AddSeconds(10), Start.AddSeconds(5), null, null, null, 0);
                rewrite.SetContent(JobState.Running, "Running", 40, "CreateMysqlReplicaInstance", null, null, "inst-9", "orders-db-replica", Start.AddSeconds(-30), Start.AddSeconds(5));
                rewrite.SetBodyTimes("2026-03-01T11:59:30+0000", null);
                rewrite.Execute();
            }

            using (var insert = new SnapshotInsertCommand(connection, transaction))
            {
                insert.Insert(new JobSnapshot { TrackedJobId = id, ObservedUtc = Start.AddSeconds(5), State = JobState.Running, StatusWord = "Running", Progress = 40, Name = "CreateMysqlReplicaInstance" });
            }

            using (var times = new PollTimesUpdateCommand(connection, transaction))
            {
                times.Add(id, Start.AddSeconds(10), Start.AddSeconds(10), Start.AddSeconds(15));
                times.Execute();
            }

            transaction.Commit();
        }

        var queries = new JobQueries(storage.Factory);
        var (job, snapshots) = (await queries.GetDetailAsync("prod-rds", "job-1", ct))!.Value;
        Assert.Equal((JobState?)JobState.Running, job.State);
        Assert.Equal(40, job.Progress);
        Assert.Equal("orders-db-replica", job.InstanceName);
        Assert.Equal(Start.AddSeconds(-30), job.CreatedUtc);
        Assert.Equal(DateTimeKind.Utc, job.CreatedUtc!.Value.Kind);
        Assert.Equal(Start.AddSeconds(15), job.NextPollUtc);
        Assert.Equal("2026-03-01T11:59:30+0000", job.CreatedText);
        var snapshot = Assert.Single(snapshots);
        Assert.Equal(Start.AddSeconds(5), snapshot.ObservedUtc);
        Assert.Equal(40, snapshot.Progress);
        await using (var db = await storage.Factory.CreateDbContextAsync(ct))
        {
            Assert.Equal(["CreateMysqlReplicaInstance"], await db.JobNames.Select(n => n.Name).ToListAsync(ct));
        }

        var change = Assert.Single(await queries.ChangesAsync(0, long.MaxValue, ChangeFilter.Any, 10, ct));
        Assert.Equal(("prod-rds", "job-1", JobState.Running), (change.Project, change.JobId, change.State));
    }

    [Theory]
    [MemberData(nameof(StorageUnderTest.Providers), MemberType = typeof(StorageUnderTest))]
    public async Task ProjectAndJobId_CompareWithoutCase_AndAreUnique(StorageProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var storage = await StorageUnderTest.CreateAsync(provider, server, ct);
        await RegisterAsync(storage, "prod-rds", "ABC-def", Start, ct);

        var queries = new JobQueries(storage.Factory);
        Assert.NotNull(await queries.FindAsync("PROD-RDS", "abc-DEF", ct));
        Assert.Equal(1, (await queries.SearchAsync(new JobSearch { Project = "Prod-Rds" }, 0, 50, ct)).Total);
        await Assert.ThrowsAsync<DbUpdateException>(() => RegisterAsync(storage, "Prod-RDS", "abc-def", Start, ct));
    }

    [Theory]
    [MemberData(nameof(StorageUnderTest.Providers), MemberType = typeof(StorageUnderTest))]
    public async Task Searches_FindSubstringsLiterallyWithoutAsciiCase_NewestFirst_InPages(StorageProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var storage = await StorageUnderTest.CreateAsync(provider, server, ct);
        string[] instances = ["orders-db-replica", "ORDERS_DB_main", "billing 50% done", "billing-50-done", "Orders-DB-Archive"];
        string[] names = ["CreateMysqlReplicaInstance", "RestartMysqlInstance", "ResizeFlavor_Volume", "ResizeFlavorXVolume", "createmysqlreplicainstance"];
        await using (var db = await storage.Factory.CreateDbContextAsync(ct))
        {
            for (var i = 0; i < instances.Length; i++)
            {
                db.TrackedJobs.Add(new TrackedJob
                {
                    Project = i % 2 == 0 ? "prod-rds" : "test-rds", JobId = $"job-{i}", RegisteredUtc = Start, CreatedUtc = Start.AddMinutes(i),
                    Name = names[i], InstanceName = instances[i], InstanceId = $"inst-{i}", State = i == 4 ? JobState.Failed : JobState.Completed,
                });
            }

            await db.SaveChangesAsync(ct);
        }

        var queries = new JobQueries(storage.Factory);
        async Task<List<string>> Found(JobSearch search) => [.. (await queries.SearchAsync(search, 0, 50, ct)).Jobs.Select(j => j.JobId)];

        // Newest first by the cloud's creation time.
        Assert.Equal(["job-4", "job-3", "job-2", "job-1", "job-0"], await Found(new JobSearch()));
        Assert.Equal(["job-4", "job-1", "job-0"], await Found(new JobSearch { InstanceName = "orders" }));
        Assert.Equal(["job-4", "job-0"], await Found(new JobSearch { InstanceName = "rders-DB" }));
        Assert.Equal(["job-1"], await Found(new JobSearch { InstanceName = "s_db" }));
        Assert.Equal(["job-2"], await Found(new JobSearch { InstanceName = "50%" }));
        Assert.Equal(["job-4", "job-0"], await Found(new JobSearch { JobName = "createmysqlREPLICA" }));
        Assert.Equal(["job-2"], await Found(new JobSearch { JobName = "Flavor_V" }));
        Assert.Equal(["job-3", "job-2"], await Found(new JobSearch { Text = "flavor" }));
        Assert.Equal(["job-3"], await Found(new JobSearch { Text = "INST-3" }));
        Assert.Equal(["job-4"], await Found(new JobSearch { State = JobState.Failed, InstanceName = "db" }));
        Assert.Equal(["job-2", "job-1"], await Found(new JobSearch { CreatedFromUtc = Start.AddMinutes(1), CreatedToUtc = Start.AddMinutes(3) }));
        Assert.Equal(["job-4", "job-2", "job-0"], await Found(new JobSearch { Project = "prod-rds" }));
        // An instance id is a filter, not a text search: exactly that id, never a part of another.
        Assert.Equal(["job-3"], await Found(new JobSearch { InstanceId = "inst-3" }));
        Assert.Empty(await Found(new JobSearch { InstanceId = "inst" }));
        Assert.Empty(await Found(new JobSearch { InstanceId = "inst-3", Project = "prod-rds" }));
        Assert.Equal(["job-2"], await Found(new JobSearch { InstanceId = " inst-2 ", Project = "prod-rds" }));

        var page = await queries.SearchAsync(new JobSearch(), 2, 2, ct);
        Assert.Equal(5, page.Total);
        Assert.Equal(["job-2", "job-1"], page.Jobs.Select(j => j.JobId));
    }

    [Theory]
    [MemberData(nameof(StorageUnderTest.Providers), MemberType = typeof(StorageUnderTest))]
    public async Task Retention_DeletesOldSnapshots_KeepsEachJobsFirstAndLatest(StorageProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var storage = await StorageUnderTest.CreateAsync(provider, server, ct);
        var id = await RegisterAsync(storage, "prod-rds", "job-1", Start, ct);
        await using (var db = await storage.Factory.CreateDbContextAsync(ct))
        {
            for (var minute = 0; minute < 1200; minute++)
            {
                db.JobSnapshots.Add(new JobSnapshot { TrackedJobId = id, ObservedUtc = Start.AddMinutes(minute), State = JobState.Running, Progress = minute % 100 });
            }

            await db.SaveChangesAsync(ct);
        }

        var time = new FakeTimeProvider(new DateTimeOffset(Start.AddDays(30)));
        var retention = new SnapshotRetention(storage.Factory, Options.Create(new TaskWatchOptions { SnapshotRetentionDays = 7 }), time, NullLogger<SnapshotRetention>.Instance);

        Assert.Equal(1198, await retention.PruneAsync(ct));
        var (_, left) = (await new JobQueries(storage.Factory).GetDetailAsync("prod-rds", "job-1", ct))!.Value;
        Assert.Equal([Start, Start.AddMinutes(1199)], left.Select(s => s.ObservedUtc));
    }

    private static async Task<long> RegisterAsync(StorageUnderTest storage, string project, string jobId, DateTime registeredUtc, CancellationToken ct)
    {
        await using var db = await storage.Factory.CreateDbContextAsync(ct);
        var job = new TrackedJob { Project = project, JobId = jobId, Service = CloudService.Rds, RegisteredUtc = registeredUtc };
        db.TrackedJobs.Add(job);
        await db.SaveChangesAsync(ct);
        return job.Id;
    }
}
