using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using TaskWatch.Storage;

namespace TaskWatch.Bench;

/// <summary>
/// The storage baseline: the app's queries written by hand for Microsoft.Data.Sqlite and for Npgsql, read
/// into plain rows.
/// </summary>
public static class HandWrittenSql
{
    private const string Columns = "Id, Project, JobId, Service, Source, RegisteredUtc, IsTracking, StoppedUtc, Name, State, StatusWord, Progress, CreatedUtc, EndedUtc, InstanceId, InstanceName, FailReason, Phase, LastReadUtc, NextPollUtc, LastError, LastErrorOutcome, ErrorSinceUtc, LastChangeUtc";

    public static async Task<int> LoadTrackedAsync(string connection)
    {
        await using var c = await OpenAsync(connection);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT Id, Project, JobId, Service, Source, RegisteredUtc, IsTracking, StoppedUtc, Name, State, StatusWord, Progress, CreatedUtc, EndedUtc, InstanceId, InstanceName, FailReason, EntitiesJson, Phase, LastReadUtc, LastPolledUtc, NextPollUtc, LastChangeUtc, LastErrorOutcome, LastError, ErrorSinceUtc, ConsecutiveErrors FROM TrackedJobs WHERE IsTracking = 1";
        await using var reader = await cmd.ExecuteReaderAsync();
        var count = 0;
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            count++;
        }

        return count;
    }

    /// <param name="nameIndex">
    /// False: name searches run LIKE on every job and sort the matches, as before the trigram index,
    /// the distinct job names and the list-order indexes.
    /// </param>
    public static async Task<long> SearchAsync(string connection, JobSearch s, int offset, int limit, bool nameIndex = true)
    {
        await using var c = await OpenAsync(connection);
        var where = new StringBuilder(" WHERE 1=1");
        await using var count = c.CreateCommand();
        await using var page = c.CreateCommand();
        void Param(string name, object value)
        {
            count.Parameters.AddWithValue(name, value);
            page.Parameters.AddWithValue(name, value);
        }

        if (s.Project is { } project)
        {
            where.Append(" AND Project = @project");
            Param("@project", project);
        }

        if (s.State is { } state)
        {
            where.Append(" AND State = @state");
            Param("@state", (int)state);
        }

        if (s.CreatedFromUtc is { } from)
        {
            where.Append(" AND CreatedUtc >= @from");
            Param("@from", from.Ticks);
        }

        if (s.CreatedToUtc is { } to)
        {
            where.Append(" AND CreatedUtc < @to");
            Param("@to", to.Ticks);
        }

        if (nameIndex && JobNameSearch.InstanceNameExpression(Trimmed(s.InstanceName)) is { } match)
        {
            // The trigram index read as a table-valued function, as JobQueries reads it.
            where.Append(" AND Id IN (SELECT rowid FROM JobNameSearch(@match))");
            Param("@match", match);
        }

        if (Trimmed(s.InstanceName) is { } instance)
        {
            where.Append(" AND InstanceName LIKE @instance ESCAPE '\\'");
            Param("@instance", Like(instance));
        }

        if (Trimmed(s.JobName) is { } name)
        {
            // The LIKE over the distinct names, then the jobs by name, as JobQueries does.
            where.Append(nameIndex ? " AND Name IN (SELECT Name FROM JobNames WHERE Name LIKE @name ESCAPE '\\')" : " AND Name LIKE @name ESCAPE '\\'");
            Param("@name", Like(name));
        }

        count.CommandText = "SELECT COUNT(*) FROM TrackedJobs" + where;
        var total = (long)(await count.ExecuteScalarAsync())!;
        // Without the name indexes the page is sorted as before them: walking the list-order index in
        // order would read every job row by row when few match (JobListOrder.Apply).
        page.CommandText = $"SELECT {Columns} FROM TrackedJobs{(nameIndex ? string.Empty : " NOT INDEXED")}{where} ORDER BY COALESCE(CreatedUtc, RegisteredUtc) DESC, Id LIMIT {limit} OFFSET {offset}";
        await using var reader = await page.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
        }

        return total;
    }

    private const string PostgreSqlColumns = "\"Id\", \"Project\", \"JobId\", \"Service\", \"Source\", \"RegisteredUtc\", \"IsTracking\", \"StoppedUtc\", \"Name\", \"State\", \"StatusWord\", \"Progress\", \"CreatedUtc\", \"EndedUtc\", \"InstanceId\", \"InstanceName\", \"FailReason\", \"Phase\", \"LastReadUtc\", \"NextPollUtc\", \"LastError\", \"LastErrorOutcome\", \"ErrorSinceUtc\", \"LastChangeUtc\"";

    public static async Task<int> LoadTrackedPostgreSqlAsync(NpgsqlDataSource dataSource)
    {
        await using var cmd = dataSource.CreateCommand(
            """SELECT "Id", "Project", "JobId", "Service", "Source", "RegisteredUtc", "IsTracking", "StoppedUtc", "Name", "State", "StatusWord", "Progress", "CreatedUtc", "EndedUtc", "InstanceId", "InstanceName", "FailReason", "EntitiesJson", "Phase", "LastReadUtc", "LastPolledUtc", "NextPollUtc", "LastChangeUtc", "LastErrorOutcome", "LastError", "ErrorSinceUtc", "ConsecutiveErrors" FROM "TrackedJobs" WHERE "IsTracking" """);
        await using var reader = await cmd.ExecuteReaderAsync();
        var count = 0;
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            count++;
        }

        return count;
    }

    /// <summary>
    /// The same search on PostgreSQL, as JobQueries sends it there: ILIKE (the pg_trgm index answers the
    /// instance name), the distinct job names, the page in list order.
    /// </summary>
    public static async Task<long> SearchPostgreSqlAsync(NpgsqlDataSource dataSource, JobSearch s, int offset, int limit)
    {
        await using var c = await dataSource.OpenConnectionAsync();
        var where = new StringBuilder(" WHERE TRUE");
        await using var count = c.CreateCommand();
        await using var page = c.CreateCommand();
        void Param(string name, object value)
        {
            count.Parameters.AddWithValue(name, value);
            page.Parameters.AddWithValue(name, value);
        }

        if (s.Project is { } project)
        {
            where.Append(" AND \"Project\" = @project::citext");
            Param("project", project);
        }

        if (s.State is { } state)
        {
            where.Append(" AND \"State\" = @state");
            Param("state", (int)state);
        }

        if (s.CreatedFromUtc is { } from)
        {
            where.Append(" AND \"CreatedUtc\" >= @from");
            Param("from", from.Ticks);
        }

        if (s.CreatedToUtc is { } to)
        {
            where.Append(" AND \"CreatedUtc\" < @to");
            Param("to", to.Ticks);
        }

        if (Trimmed(s.InstanceName) is { } instance)
        {
            where.Append(" AND \"InstanceName\" ILIKE @instance ESCAPE '\\'");
            Param("instance", Like(instance));
        }

        if (Trimmed(s.JobName) is { } name)
        {
            where.Append(" AND \"Name\" IN (SELECT \"Name\" FROM \"JobNames\" WHERE \"Name\" ILIKE @name ESCAPE '\\')");
            Param("name", Like(name));
        }

        count.CommandText = "SELECT COUNT(*) FROM \"TrackedJobs\"" + where;
        var total = (long)(await count.ExecuteScalarAsync())!;
        page.CommandText = $"SELECT {PostgreSqlColumns} FROM \"TrackedJobs\"{where} ORDER BY COALESCE(\"CreatedUtc\", \"RegisteredUtc\") DESC, \"Id\" LIMIT {limit} OFFSET {offset}";
        await using var reader = await page.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
        }

        return total;
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    // The user's text taken literally, as JobQueries does.
    private static string Like(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    private static async Task<SqliteConnection> OpenAsync(string connection)
    {
        var c = new SqliteConnection(connection);
        await c.OpenAsync();
        return c;
    }
}
