using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using TaskWatch.Core;
using TaskWatch.Storage;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Storage;

/// <summary>
/// History pages list jobs newest first (the cloud's creation time, else the registration time, then
/// the id). The pages are read in that order from indexes; a user paging through must see every
/// match once, in the order a full sort gives.
/// </summary>
public sealed class JobListOrderTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string?[] JobNames = ["CreateMysqlSingleHAInstance", " CreateMysqlReplicaInstance", "createmysqlreplicainstance", "MysqlBindEIP", null];

    private readonly TempFolder _folder = new();
    private readonly CommandLog _commands = new();
    private readonly PooledDbContextFactory<TaskWatchDbContext> _factory;
    private readonly string _path;

    public JobListOrderTests()
    {
        _path = Path.Combine(_folder.Path, "order.db");
        _factory = new PooledDbContextFactory<TaskWatchDbContext>(new DbContextOptionsBuilder<TaskWatchDbContext>()
            .UseSqlite($"Data Source={_path};Pooling=False")
            .AddInterceptors(new SqlitePragmaInterceptor(), _commands)
            .Options);
    }

    public static TheoryData<string> Searches => ["all", "project", "job name", "project and job name", "instance name", "short instance name", "text", "state", "created range"];

    [Theory]
    [MemberData(nameof(Searches))]
    public async Task PagingThrough_ListsEveryMatchOnce_InTheOrderOfAFullSort(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedAsync(ct);
        var search = Search(name);
        var queries = new JobQueries(_factory);
        var all = await queries.SearchAsync(search, 0, JobQueries.MaxPageSize, ct);
        Assert.InRange(all.Total, 10, JobQueries.MaxPageSize - 1);

        var paged = new List<string>();
        for (var offset = 0; offset < all.Total + 7; offset += 7)
        {
            var page = await queries.SearchAsync(search, offset, 7, ct);
            Assert.Equal(all.Total, page.Total);
            paged.AddRange(page.Jobs.Select(j => j.JobId));
        }

        var found = all.Jobs.Select(j => j.JobId).ToHashSet();
        Assert.Equal(FullSort().Where(found.Contains).ToList(), paged);
    }

    [Theory]
    [InlineData("all", JobListOrder.Index)]
    [InlineData("project", JobListOrder.ProjectIndex)]
    [InlineData("job name", JobListOrder.NameIndex)]
    public async Task FirstPage_IsReadInListOrderFromAnIndex(string name, string index)
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedAsync(ct);
        _commands.Clear();
        await new JobQueries(_factory).SearchAsync(Search(name), 0, 50, ct);

        var page = Assert.Single(_commands.Texts, c => c.Sql.Contains("ORDER BY", StringComparison.Ordinal));
        var plan = Plan(page.Sql, page.Parameters);
        Assert.Contains(plan, step => step.Contains("USING INDEX " + index + " ", StringComparison.Ordinal) || step.EndsWith("USING INDEX " + index, StringComparison.Ordinal));
        if (name != "job name")
        {
            // One project, or every job: the index order is the page order, nothing is sorted. A job-name
            // search matching several names sorts only what it reads of each name (a page's worth).
            Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("rare text")]
    [InlineData("short instance name")]
    public async Task SubstringSearchesNoIndexAnswers_SortTheirMatches_InsteadOfWalkingEveryJobInOrder(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedAsync(ct);
        _commands.Clear();
        await new JobQueries(_factory).SearchAsync(Search(name), 0, 50, ct);

        var page = Assert.Single(_commands.Texts, c => c.Sql.Contains("ORDER BY", StringComparison.Ordinal));
        Assert.DoesNotContain(Plan(page.Sql, page.Parameters), step => step.Contains("INDEX " + JobListOrder.Index, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RareState_IsCheckedInTheListOrderIndex_BeforeAnyJobRowIsRead()
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedAsync(ct);
        _commands.Clear();
        await new JobQueries(_factory).SearchAsync(Search("rare state"), 0, 50, ct);

        var page = Assert.Single(_commands.Texts, c => c.Sql.Contains("ORDER BY", StringComparison.Ordinal));
        Assert.Contains(Plan(page.Sql, page.Parameters), step => step.EndsWith("USING INDEX " + JobListOrder.Index, StringComparison.Ordinal));
        using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_index_info('{JobListOrder.Index}') WHERE name IS NOT NULL";
        var columns = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }

        Assert.Equal(["Id", "State", "Service", "IsTracking"], columns);
    }

    public void Dispose() => _folder.Dispose();

    private static JobSearch Search(string name) => name switch
    {
        "all" => new JobSearch(),
        "project" => new JobSearch { Project = "proj-1" },
        "job name" => new JobSearch { JobName = "replica" },
        "project and job name" => new JobSearch { Project = "proj-2", JobName = "Mysql" },
        "instance name" => new JobSearch { InstanceName = "inst-1" },
        "short instance name" => new JobSearch { InstanceName = "-1" },
        "text" => new JobSearch { Text = "Replica" },
        "rare text" => new JobSearch { Text = "no such job" },
        "rare state" => new JobSearch { State = JobState.Unknown, Service = CloudService.Dds },
        "state" => new JobSearch { State = JobState.Failed },
        "created range" => new JobSearch { CreatedFromUtc = Start.AddHours(20), CreatedToUtc = Start.AddHours(60) },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>
    /// Jobs whose sort times tie (equal creation times, a registration time equal to another job's
    /// creation time) and jobs the cloud has not dated yet, in three projects.
    /// </summary>
    private async Task SeedAsync(CancellationToken ct)
    {
        await DatabaseInitializer.InitializeAsync(_factory, ct);
        await using var db = await _factory.CreateDbContextAsync(ct);
        db.TrackedJobs.AddRange(Enumerable.Range(0, 240).Select(i => new TrackedJob
        {
            Project = "proj-" + (i % 3),
            JobId = $"job-{i:000}",
            Service = i % 2 == 0 ? CloudService.Rds : CloudService.Dds,
            RegisteredUtc = Start.AddHours(i % 37),
            CreatedUtc = i % 5 == 0 ? null : Start.AddHours(i % 41),
            Name = JobNames[i % JobNames.Length],
            State = (JobState)(i % 4),
            InstanceName = $"inst-{i % 25}",
        }));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Every job sorted by SQLite itself without any index: the reference order.</summary>
    private List<string> FullSort()
    {
        using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT "JobId" FROM "TrackedJobs" NOT INDEXED ORDER BY COALESCE("CreatedUtc", "RegisteredUtc") DESC, "Id" """;
        var ids = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private List<string> Plan(string sql, IReadOnlyList<(string Name, object Value)> parameters)
    {
        using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var steps = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            steps.Add(reader.GetString(3));
        }

        return steps;
    }

    /// <summary>The queries EF sends, with their parameters, to read their plans.</summary>
    private sealed class CommandLog : DbCommandInterceptor
    {
        private readonly List<(string Sql, IReadOnlyList<(string Name, object Value)> Parameters)> _texts = [];

        public IReadOnlyList<(string Sql, IReadOnlyList<(string Name, object Value)> Parameters)> Texts
        {
            get
            {
                lock (_texts)
                {
                    return [.. _texts];
                }
            }
        }

        public void Clear()
        {
            lock (_texts)
            {
                _texts.Clear();
            }
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            lock (_texts)
            {
                _texts.Add((command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value ?? DBNull.Value))]));
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
