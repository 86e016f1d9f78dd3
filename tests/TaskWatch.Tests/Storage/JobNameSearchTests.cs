using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using TaskWatch.Core;
using TaskWatch.Storage;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Storage;

/// <summary>
/// History searches by instance name go through the trigram index when the text is long enough, and
/// by job name through the list of distinct names; a user must get exactly the jobs a plain
/// LIKE '%text%' gives, whatever the names hold.
/// </summary>
public sealed class JobNameSearchTests : IDisposable
{
    private static readonly string LongName = string.Concat(Enumerable.Repeat("Aa%_\"' ", 800)) + "needle-at-the-end";

    private static readonly string[] Names =
    [
        " CreateMysqlReplicaInstance", "CreateMysqlSingleHAInstance", "create mysql lowercase", "CREATEMYSQL",
        "50% done_now", "50 percent done", "under_score", "underXscore", "back\\slash", "quote \"double\" here",
        "it's 'single'", "Ünïcödé Straße", "ÜNÏCÖDÉ STRASSE", "ünïcödé straße", "Ωμέγα", "ωμέγα", "日本語のジョブ",
        "emoji 🚀🚀 launch", "Kelvin \u212A scale", "kelvin k scale", "İstanbul", "istanbul", "tab\there", "ab", "a", string.Empty,
        LongName, "NUL\0inside",
    ];

    private static readonly string[] Searches =
    [
        "Create", "create", "CREATE", "mysql", "Replica", " Create", "  Replica  ", "50%", "% d", "%", "%%", "_", "e_n", "er_sc",
        "\\", "ck\\sl", "\"double\"", "\"", "'s '", "it's", "Straße", "STRASSE", "ünï", "ÜNÏ", "Ωμέ", "ωμέ", "本語の", "🚀🚀",
        "🚀 l", "\u212A s", "k s", "K S", "İst", "ist", "IST", "t\th", "ab", "a", "xyz", "needle-at-the-end", LongName.Trim(),
        LongName[..500], "NUL\0in", "\0", "e i",
    ];

    private readonly TempFolder _folder = new();
    private readonly PooledDbContextFactory<TaskWatchDbContext> _factory;
    private readonly string _path;

    public JobNameSearchTests()
    {
        _path = Path.Combine(_folder.Path, "search.db");
        _factory = new PooledDbContextFactory<TaskWatchDbContext>(new DbContextOptionsBuilder<TaskWatchDbContext>()
            .UseSqlite($"Data Source={_path};Pooling=False")
            .AddInterceptors(new SqlitePragmaInterceptor())
            .Options);
    }

    [Fact]
    public async Task NameSearches_FindExactlyWhatLikeFinds_OnTrickyNames()
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedAsync(ct);
        var queries = new JobQueries(_factory);
        foreach (var text in Searches)
        {
            Assert.Equal(Like("Name", text), await FoundAsync(queries, new JobSearch { JobName = text }, ct));
            Assert.Equal(Like("InstanceName", text), await FoundAsync(queries, new JobSearch { InstanceName = text }, ct));
        }

        // Both names at once, as the history page sends them.
        Assert.Equal(
            Like("Name", "Create").Intersect(Like("InstanceName", "Replica")).Order().ToList(),
            await FoundAsync(queries, new JobSearch { JobName = "Create", InstanceName = "Replica" }, ct));
    }

    [Fact]
    public async Task JobNameSearch_OnNamesSharedByManyJobs_FindsExactlyWhatLikeFinds()
    {
        // Names that only case, a space or a non-ASCII letter tell apart are distinct names; LIKE folds
        // ASCII case only, and the search must do the same whichever of them a job carries.
        string?[] shared =
        [
            " CreateMysqlReplicaInstance", "CreateMysqlReplicaInstance", "createmysqlreplicainstance", "CREATEMYSQLREPLICAINSTANCE ",
            "Create_MongoDB", "CreateXMongoDB", "Ünïcödé job", "ünïcödé job", null,
        ];
        var ct = TestContext.Current.CancellationToken;
        await DatabaseInitializer.InitializeAsync(_factory, ct);
        await using (var db = await _factory.CreateDbContextAsync(ct))
        {
            db.TrackedJobs.AddRange(Enumerable.Range(0, 90).Select(i => Row(i, shared[i % shared.Length], i % 2 == 0 ? "p" : "q")));
            await db.SaveChangesAsync(ct);
        }

        var queries = new JobQueries(_factory);
        foreach (var text in new[] { "Replica", "replica", " Create", "INSTANCE ", "e_M", "eXM", "ünï", "ÜNÏ", "job", "%", "_", "Ü" })
        {
            Assert.Equal(Like("Name", text), await FoundAsync(queries, new JobSearch { JobName = text }, ct));
            Assert.Equal(Like("Name", text, project: "q"), await FoundAsync(queries, new JobSearch { JobName = text, Project = "q" }, ct));
        }
    }

    [Fact]
    public async Task NameSearch_FollowsRenamesAndDeletes()
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedAsync(ct);
        var queries = new JobQueries(_factory);
        await using (var db = await _factory.CreateDbContextAsync(ct))
        {
            await db.TrackedJobs.Where(j => j.Name == "underXscore").ExecuteUpdateAsync(s => s.SetProperty(j => j.Name, "RenamedJob"), ct);
            await db.TrackedJobs.Where(j => j.Name == "under_score").ExecuteDeleteAsync(ct);
            // A job is registered before the cloud has named it; the first read stores the name.
            await db.TrackedJobs.Where(j => j.Name == null).ExecuteUpdateAsync(s => s.SetProperty(j => j.Name, "Named later"), ct);
            db.TrackedJobs.Add(Row(999, "Brand new job"));
            await db.SaveChangesAsync(ct);
        }

        Assert.Equal(["job-7"], await FoundAsync(queries, new JobSearch { JobName = "Renamed" }, ct));
        Assert.Empty(await FoundAsync(queries, new JobSearch { JobName = "underX" }, ct));
        Assert.Empty(await FoundAsync(queries, new JobSearch { JobName = "under_score" }, ct));
        Assert.Equal(["job-999"], await FoundAsync(queries, new JobSearch { JobName = "brand NEW" }, ct));
        Assert.Equal([$"job-{Names.Length}"], await FoundAsync(queries, new JobSearch { JobName = "named LATER" }, ct));
        Assert.Equal(["job-999"], await FoundAsync(queries, new JobSearch { InstanceName = "inst-Brand new" }, ct));
    }

    [Fact]
    public async Task Upgrade_IndexesTheJobsAlreadyStored()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = await _factory.CreateDbContextAsync(ct))
        {
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync("20261123120000_AlertDeliveries", ct);
        }

        // Rows as that release wrote them: its columns only (today's model has columns its schema lacks).
        await using (var old = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            await old.OpenAsync(ct);
            foreach (var row in Names.Select((name, i) => Row(i, name)))
            {
                await using var insert = old.CreateCommand();
                insert.CommandText = """
                    INSERT INTO "TrackedJobs" ("Project", "JobId", "Service", "Source", "RegisteredUtc", "IsTracking", "Phase", "ConsecutiveErrors", "Name", "InstanceName")
                    VALUES ($project, $jobId, $service, $source, $registered, $tracking, $phase, 0, $name, $instance)
                    """;
                insert.Parameters.AddWithValue("$project", row.Project);
                insert.Parameters.AddWithValue("$jobId", row.JobId);
                insert.Parameters.AddWithValue("$service", (int)row.Service);
                insert.Parameters.AddWithValue("$source", (int)row.Source);
                insert.Parameters.AddWithValue("$registered", UtcTicks.Of(row.RegisteredUtc));
                insert.Parameters.AddWithValue("$tracking", row.IsTracking);
                insert.Parameters.AddWithValue("$phase", (int)row.Phase);
                insert.Parameters.AddWithValue("$name", (object?)row.Name ?? DBNull.Value);
                insert.Parameters.AddWithValue("$instance", (object?)row.InstanceName ?? DBNull.Value);
                await insert.ExecuteNonQueryAsync(ct);
            }
        }

        await DatabaseInitializer.InitializeAsync(_factory, ct);
        var queries = new JobQueries(_factory);
        Assert.Equal(Like("Name", "mysql"), await FoundAsync(queries, new JobSearch { JobName = "mysql" }, ct));
        Assert.Equal(4, Like("Name", "mysql").Count);
        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT count(*) FROM "JobNameSearch" WHERE "JobNameSearch" MATCH 'Name : "mysql"'""";
        Assert.Equal(4L, await command.ExecuteScalarAsync(ct));
    }

    public void Dispose() => _folder.Dispose();

    private async Task SeedAsync(CancellationToken ct)
    {
        await DatabaseInitializer.InitializeAsync(_factory, ct);
        await using var db = await _factory.CreateDbContextAsync(ct);
        db.TrackedJobs.AddRange(Names.Select((name, i) => Row(i, name)));
        db.TrackedJobs.Add(Row(Names.Length, null));
        await db.SaveChangesAsync(ct);
    }

    private static TrackedJob Row(int i, string? name, string project = "p") => new()
    {
        Project = project,
        JobId = $"job-{i}",
        Service = CloudService.Rds,
        RegisteredUtc = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc).AddMinutes(i),
        Name = name,
        InstanceName = name is null ? null : "inst-" + name,
    };

    private static async Task<List<string>> FoundAsync(JobQueries queries, JobSearch search, CancellationToken ct)
    {
        var page = await queries.SearchAsync(search, 0, JobQueries.MaxPageSize, ct);
        Assert.Equal(page.Total, page.Jobs.Count);
        return [.. page.Jobs.Select(j => j.JobId).Order(StringComparer.Ordinal)];
    }

    /// <summary>The reference: SQLite's LIKE with the search text taken literally, as before the index.</summary>
    private List<string> Like(string column, string text, string? project = null)
    {
        using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT "JobId" FROM "TrackedJobs" WHERE "{column}" LIKE $pattern ESCAPE '\'""" + (project is null ? string.Empty : """ AND "Project" = $project""");
        command.Parameters.AddWithValue("$project", (object?)project ?? DBNull.Value);
        var escaped = text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
        command.Parameters.AddWithValue("$pattern", "%" + escaped + "%");
        var ids = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return [.. ids.Order(StringComparer.Ordinal)];
    }
}
