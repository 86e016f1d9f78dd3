using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using TaskWatch.Core;
using TaskWatch.Storage;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Storage;

/// <summary>
/// A database made by release a25553f (Fixtures/README.md) opens under this release, migrates in
/// place, keeps every row as it was and answers every search as that release answered it
/// (the manifest holds its answers).
/// </summary>
public sealed class ReleaseUpgradeTests : IDisposable
{
    private const string Fixture = "release-a25553f";

    private static readonly string[] Tables = ["TrackedJobs", "JobSnapshots", "AlertDeliveries", "JobNames"];

    private readonly TempFolder _folder = new();
    private readonly string _path;
    private readonly JsonElement _manifest;

    public ReleaseUpgradeTests()
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Storage", "Fixtures");
        _path = Path.Combine(_folder.Path, Fixture + ".db");
        // A copy: migrating writes to the file (WAL, the history table), the committed one stays as made.
        File.Copy(Path.Combine(fixtures, Fixture + ".db"), _path);
        _manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixtures, Fixture + ".manifest.json"))).RootElement;
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Migrate_OnTheEarlierReleasesDatabase_KeepsEveryRowAsItWas()
    {
        var ct = TestContext.Current.CancellationToken;
        var before = Tables.ToDictionary(t => t, Rows);
        var columnsBefore = Tables.ToDictionary(t => t, ColumnsOf);

        await DatabaseInitializer.InitializeAsync(Factory(), ct);

        foreach (var table in Tables)
        {
            Assert.Equal(_manifest.GetProperty("counts").GetProperty(table).GetInt32(), before[table].Count);
            // Every column that release had keeps its value; columns added since are new, not compared.
            Assert.Equal(before[table], Rows(table, columnsBefore[table]));
        }

        Assert.Equal("ok", Scalar("PRAGMA integrity_check"));
        Assert.Equal("wal", Scalar("PRAGMA journal_mode"));
        await using var db = await Factory().CreateDbContextAsync(ct);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
        var applied = await db.Database.GetAppliedMigrationsAsync(ct);
        Assert.All(_manifest.GetProperty("migrations").EnumerateArray(), m => Assert.Contains(m.GetString()!, applied));
    }

    [Fact]
    public async Task Searches_AfterTheUpgrade_AnswerAsTheEarlierReleaseDid()
    {
        var ct = TestContext.Current.CancellationToken;
        var factory = Factory();
        await DatabaseInitializer.InitializeAsync(factory, ct);
        var queries = new JobQueries(factory);

        var searches = _manifest.GetProperty("searches").EnumerateArray().ToList();
        Assert.NotEmpty(searches);
        foreach (var expected in searches)
        {
            var page = await queries.SearchAsync(Search(expected.GetProperty("search")), expected.GetProperty("offset").GetInt32(), expected.GetProperty("limit").GetInt32(), ct);
            var name = expected.GetProperty("name").GetString();
            Assert.True(expected.GetProperty("total").GetInt32() == page.Total, $"Search '{name}': total {page.Total}, the earlier release said {expected.GetProperty("total").GetInt32()}.");
            Assert.Equal(
                expected.GetProperty("jobs").EnumerateArray().Select(j => j.GetString()!).ToList(),
                page.Jobs.Select(j => $"{j.Project}/{j.JobId}").ToList());
        }

        foreach (var expected in _manifest.GetProperty("details").EnumerateArray())
        {
            var detail = await queries.GetDetailAsync(expected.GetProperty("project").GetString()!, expected.GetProperty("jobId").GetString()!, ct);
            Assert.NotNull(detail);
            var (job, snapshots) = detail.Value;
            Assert.Equal(expected.GetProperty("state").GetString(), job.State?.ToString());
            Assert.Equal(expected.GetProperty("phase").GetString(), job.Phase.ToString());
            Assert.Equal(expected.GetProperty("snapshotStates").EnumerateArray().Select(s => s.GetString()), snapshots.Select(s => s.State.ToString()));
            Assert.Equal(expected.GetProperty("snapshotProgress").EnumerateArray().Select(p => p.ValueKind == JsonValueKind.Null ? (int?)null : p.GetInt32()), snapshots.Select(s => s.Progress));
            Assert.Equal(
                expected.GetProperty("snapshotObservedUtc").EnumerateArray().Select(t => DateTime.Parse(t.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)),
                snapshots.Select(s => s.ObservedUtc));
        }
    }

    [Fact]
    public async Task App_StartedOnTheEarlierReleasesDatabase_ServesItsJobs()
    {
        var expected = _manifest.GetProperty("details")[0];
        var project = expected.GetProperty("project").GetString()!;
        var jobId = expected.GetProperty("jobId").GetString()!;
        // The fixture's project is configured so the API knows it; no cloud is called (no account reachable matters here).
        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string?>
            {
                ["TaskWatch:Demo:Enabled"] = "false",
                ["TaskWatch:Accounts:fixture:Auth"] = "Token",
                ["TaskWatch:Accounts:fixture:Token"] = "fixture-token",
                [$"TaskWatch:Projects:{project}:Account"] = "fixture",
                [$"TaskWatch:Projects:{project}:Service"] = "Rds",
                [$"TaskWatch:Projects:{project}:ProjectId"] = "0483b6b16e954cb88930a360d2c4e663",
                [$"TaskWatch:Projects:{project}:Region"] = "eu-de",
                [$"TaskWatch:Projects:{project}:Endpoint"] = "http://127.0.0.1:9/",
            },
            databasePath: _path);

        using var answer = await app.Http.GetAsync(new Uri($"api/jobs/{project}/{jobId}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains(jobId, body, StringComparison.Ordinal);
        Assert.Contains(expected.GetProperty("state").GetString()!, body, StringComparison.Ordinal);
    }

    private PooledDbContextFactory<TaskWatchDbContext> Factory() => new(new DbContextOptionsBuilder<TaskWatchDbContext>()
        .UseSqlite($"Data Source={_path};Pooling=False")
        .AddInterceptors(new SqlitePragmaInterceptor())
        .Options);

    private static JobSearch Search(JsonElement s) => new()
    {
        Project = Text(s, "project"),
        Service = Text(s, "service") is { } service ? Enum.Parse<CloudService>(service) : null,
        State = Text(s, "state") is { } state ? Enum.Parse<JobState>(state) : null,
        Text = Text(s, "text"),
        InstanceName = Text(s, "instanceName"),
        JobName = Text(s, "jobName"),
        CreatedFromUtc = Text(s, "createdFromUtc") is { } from ? DateTime.Parse(from, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal) : null,
        CreatedToUtc = Text(s, "createdToUtc") is { } to ? DateTime.Parse(to, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal) : null,
        Tracking = s.GetProperty("tracking").ValueKind == JsonValueKind.Null ? null : s.GetProperty("tracking").GetBoolean(),
    };

    private static string? Text(JsonElement s, string name) => s.GetProperty(name).ValueKind == JsonValueKind.Null ? null : s.GetProperty(name).GetString();

    /// <summary>Every row of a table, every column as stored, in row order.</summary>
    private string[] ColumnsOf(string table)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid";
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }

        return [.. columns];
    }

    private List<string> Rows(string table) => Rows(table, ["*"]);

    private List<string> Rows(string table, string[] columns)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        var list = columns is ["*"] ? "*" : string.Join(", ", columns.Select(c => $"\"{c}\""));
        command.CommandText = $"SELECT {list} FROM \"{table}\" ORDER BY rowid";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.GetName(i)}={(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))}")));
        }

        return rows;
    }

    private string? Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        return connection;
    }
}
