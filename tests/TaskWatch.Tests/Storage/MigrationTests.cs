using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using TaskWatch.Storage;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Storage;

/// <summary>The migrations must build exactly the model EF expects, or queries break at run time.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void Model_HasNoChangesThatNoMigrationHolds()
    {
        // EF's own check (what `dotnet ef migrations has-pending-model-changes` runs): the model snapshot
        // the last migration wrote against the model the app builds.
        using var folder = new TempFolder();
        using var db = Context(Path.Combine(folder.Path, "model.db"));
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changed since the last migration: add one (README, Database migrations).");
    }

    [Fact]
    public async Task Migrations_BuildTheSameSchemaAsTheModel()
    {
        using var folder = new TempFolder();
        var migrated = Path.Combine(folder.Path, "migrated.db");
        var created = Path.Combine(folder.Path, "created.db");
        await using (var db = Context(migrated))
        {
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        }

        await using (var db = Context(created))
        {
            await db.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
        }

        // What EF Core cannot model is made by SQL in the migrations, so EnsureCreated never makes it:
        // the name search index (an FTS5 virtual table with triggers, proven by JobNameSearchTests),
        // the triggers that keep the distinct job names, and the list-order indexes on an expression.
        // They are left out of the comparison, and must exist after migrating (a later migration that
        // rebuilds TrackedJobs would drop them silently).
        var madeBySql = Schema(migrated).Where(IsMadeBySql).ToList();
        Assert.Equal(Schema(created), Schema(migrated).Where(row => !IsMadeBySql(row)).ToList());
        Assert.Contains(madeBySql, row => row.StartsWith($"table {JobNameSearch.Table}: CREATE VIRTUAL TABLE", StringComparison.Ordinal));
        Assert.Contains(madeBySql, row => row.StartsWith("trigger JobNames_AfterInsert: ", StringComparison.Ordinal));
        Assert.Contains(madeBySql, row => row.StartsWith("trigger JobNames_AfterUpdate: ", StringComparison.Ordinal));
        foreach (var index in JobListOrder.Indexes)
        {
            Assert.Contains(madeBySql, row => row.StartsWith($"index {index}: ", StringComparison.Ordinal) && row.Contains(JobListOrder.Expression + " DESC", StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// The FTS table, its shadow tables (_data, _idx, ...) and its triggers, all named after it; the
    /// job-name triggers; the list-order indexes.
    /// </summary>
    private static bool IsMadeBySql(string row)
    {
        var name = row[(row.IndexOf(' ', StringComparison.Ordinal) + 1)..row.IndexOf(':', StringComparison.Ordinal)];
        return name == JobNameSearch.Table || name.StartsWith(JobNameSearch.Table + "_", StringComparison.Ordinal)
            || name.StartsWith("JobNames_", StringComparison.Ordinal) || JobListOrder.Indexes.Contains(name);
    }

    [Fact]
    public async Task Initialize_TurnsOnWal()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "wal.db");
        var factory = new PooledDbContextFactory<TaskWatchDbContext>(Options(path));
        await DatabaseInitializer.InitializeAsync(factory, TestContext.Current.CancellationToken);
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar() as string);
    }

    private static TaskWatchDbContext Context(string path) => new(Options(path));

    private static DbContextOptions<TaskWatchDbContext> Options(string path) => new DbContextOptionsBuilder<TaskWatchDbContext>()
        .UseSqlite($"Data Source={path};Pooling=False")
        .Options;

    private static List<string> Schema(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type || ' ' || name || ': ' || sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE '__EFMigrations%' AND name NOT LIKE 'sqlite_%' ORDER BY type, name";
        var rows = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            // Column order and spacing differ between the two builders; compare the definitions as sets.
            rows.Add(Normalize(reader.GetString(0)));
        }

        return rows;
    }

    private static string Normalize(string sql)
    {
        var open = sql.IndexOf('(', StringComparison.Ordinal);
        if (!sql.Contains(" CREATE TABLE ", StringComparison.Ordinal) || open < 0)
        {
            return string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }

        var head = sql[..open];
        var body = sql[(open + 1)..sql.LastIndexOf(')')];
        var parts = SplitTopLevel(body).Select(p => string.Join(' ', p.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).Order(StringComparer.Ordinal);
        return head.Trim() + " (" + string.Join(", ", parts) + ")";
    }

    private static List<string> SplitTopLevel(string body)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < body.Length; i++)
        {
            depth += body[i] == '(' ? 1 : body[i] == ')' ? -1 : 0;
            if (body[i] == ',' && depth == 0)
            {
                parts.Add(body[start..i]);
                start = i + 1;
            }
        }

        parts.Add(body[start..]);
        return parts;
    }
}
