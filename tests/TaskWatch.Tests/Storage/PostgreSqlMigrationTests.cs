using Microsoft.EntityFrameworkCore;
using Npgsql;
using TaskWatch.Configuration;
using TaskWatch.Storage;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Storage;

/// <summary>
/// PostgreSQL's migrations (<c>migrations/PostgreSQL</c>) hold the whole model, and build what EF Core cannot
/// model: the job-name trigger, the pg_trgm index the instance-name search runs on, the list-order indexes.
/// </summary>
public sealed class PostgreSqlMigrationTests(PostgreSqlServer server)
{
    [Fact]
    public void Model_HasNoChangesThatNoMigrationHolds()
    {
        // EF's own check, as `dotnet ef migrations has-pending-model-changes --context PostgreSqlTaskWatchDbContext`
        // runs it: it compares models and opens no connection.
        using var db = new PostgreSqlTaskWatchDbContextDesignFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changed since the last PostgreSQL migration: add one (README, Database migrations).");
    }

    [Fact]
    public async Task Migrate_BuildsTheTriggerTheTrigramIndexAndTheListOrderIndexes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var storage = await StorageUnderTest.CreateAsync(StorageProvider.PostgreSQL, server, ct);
        await using var connection = new NpgsqlConnection(storage.ConnectionString);
        await connection.OpenAsync(ct);

        var indexes = await RowsAsync(connection, """SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE tablename = 'TrackedJobs'""", ct);
        Assert.Contains(indexes, i => i.StartsWith(JobNameSearch.PostgreSqlIndex + ": ", StringComparison.Ordinal) && i.Contains("USING gin (\"InstanceName\" gin_trgm_ops)", StringComparison.Ordinal));
        foreach (var index in JobListOrder.Indexes)
        {
            Assert.Contains(indexes, i => i.StartsWith(index + ": ", StringComparison.Ordinal) && i.Contains("COALESCE(\"CreatedUtc\", \"RegisteredUtc\") DESC", StringComparison.Ordinal));
        }

        var triggers = await RowsAsync(connection, """SELECT tgname FROM pg_trigger WHERE tgrelid = '"TrackedJobs"'::regclass AND NOT tgisinternal ORDER BY 1""", ct);
        Assert.Equal(["JobNames_AfterInsert", "JobNames_AfterUpdate", "TrackedJobs_notify_insert", "TrackedJobs_notify_update"], triggers);
        await using var db = await storage.Factory.CreateDbContextAsync(ct);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
    }

    [Fact]
    public async Task InstanceNameSearch_RunsOnTheTrigramIndex_FirstPageOnTheListOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var storage = await StorageUnderTest.CreateAsync(StorageProvider.PostgreSQL, server, ct);
        await using var db = await storage.Factory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        // A handful of rows would be read whole whatever the indexes: make the planner show what it can use.
        await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off", ct);

        var search = db.TrackedJobs.Where(j => EF.Functions.ILike(j.InstanceName!, "%replica%"));
        Assert.Contains(JobNameSearch.PostgreSqlIndex, await PlanAsync(db, search.ToQueryString(), ct), StringComparison.Ordinal);
        var firstPage = JobListOrder.Apply(db.TrackedJobs).Take(50);
        Assert.Contains(JobListOrder.Index, await PlanAsync(db, firstPage.ToQueryString(), ct), StringComparison.Ordinal);
    }

    private static async Task<string> PlanAsync(TaskWatchDbContext db, string sql, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        // ToQueryString declares its parameters in front (-- @p='50'); EXPLAIN gets them as parameters.
        var lines = sql.Split('\n');
        foreach (var declaration in lines.Where(l => l.StartsWith("-- @", StringComparison.Ordinal)))
        {
            var equals = declaration.IndexOf('=', StringComparison.Ordinal);
            var parameter = command.CreateParameter();
            parameter.ParameterName = declaration[3..equals];
            parameter.Value = int.Parse(declaration[(equals + 1)..].Trim('\'', '\r'), System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.Add(parameter);
        }

        command.CommandText = "EXPLAIN " + string.Join('\n', lines.Where(l => !l.StartsWith("--", StringComparison.Ordinal)));
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            plan.Add(reader.GetString(0));
        }

        return string.Join('\n', plan);
    }

    private static async Task<List<string>> RowsAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
