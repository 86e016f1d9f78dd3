using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using TaskWatch.Configuration;
using TaskWatch.Operations;
using TaskWatch.Storage;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Operations;

/// <summary><c>/healthz</c> is open without a key: a database failure is named by check and kind, its details (host, user, database, path) go to the log.</summary>
public sealed class HealthCategoryTests(PostgreSqlServer server)
{
    [Fact]
    public async Task Healthz_DatabaseGone_NamesTheCheckAndCannotConnect_ButNoHostUserOrDatabase()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await server.DatabaseAsync();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["TaskWatch:Demo:Enabled"] = "false",
            ["TaskWatch:Storage:Provider"] = "PostgreSQL",
            [StorageOptions.ConnectionStringKey] = connectionString,
        });
        Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync("/healthz/ready", ct)).StatusCode);

        // The database disappears under the running app (every session ended with it).
        await using (var admin = new NpgsqlConnection(server.AdminConnectionString))
        {
            await admin.OpenAsync(ct);
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(ct);
        }

        NpgsqlConnection.ClearAllPools();
        var answer = await app.Http.GetAsync("/healthz/ready", ct);
        var text = await answer.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(["database"], body.GetProperty("failed").EnumerateArray().Select(e => e.GetString()!).ToArray());
        var check = body.GetProperty("checks").GetProperty("database");
        Assert.Equal("cannot connect", check.GetProperty("category").GetString());
        Assert.Equal("The database cannot be read: cannot connect.", check.GetProperty("description").GetString());
        foreach (var detail in new[] { database, PostgreSqlServer.User, "127.0.0.1", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            Assert.DoesNotContain(detail, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Writer_ACheckThatThrew_ShowsNotTheExceptionsText()
    {
        var thrown = new InvalidOperationException("Failed to connect to db.internal.example.com as user svc_tw");
        var report = new Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport(
            new Dictionary<string, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReportEntry>
            {
                ["database"] = new(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, thrown.Message, TimeSpan.Zero, thrown, null),
            },
            TimeSpan.Zero);
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await HealthReportWriter.WriteAsync(context, report);

        var text = System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
        Assert.Contains("\"failed\":[\"database\"]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("db.internal", text, StringComparison.Ordinal);
        Assert.DoesNotContain("svc_tw", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(13, DatabaseFailure.DiskFull)]
    [InlineData(8, DatabaseFailure.ReadOnly)]
    [InlineData(8 | (3 << 8), DatabaseFailure.ReadOnly)] // SQLITE_READONLY_ROLLBACK
    [InlineData(14, DatabaseFailure.CannotConnect)]
    [InlineData(5, DatabaseFailure.Locked)]
    [InlineData(1, DatabaseFailure.Other)]
    public void Categorize_SqliteCodes(int code, string expected) =>
        Assert.Equal(expected, DatabaseFailure.Categorize(new InvalidOperationException("wrapped", new SqliteException("SQLite Error: '/secret/path/tw.db'", code))));

    [Theory]
    [InlineData("53100", DatabaseFailure.DiskFull)]
    [InlineData("25006", DatabaseFailure.ReadOnly)]
    [InlineData("28P01", DatabaseFailure.CannotConnect)]
    [InlineData("3D000", DatabaseFailure.CannotConnect)]
    [InlineData("57P03", DatabaseFailure.CannotConnect)]
    [InlineData("42P01", DatabaseFailure.Other)]
    public void Categorize_PostgreSqlStates(string sqlState, string expected) =>
        Assert.Equal(expected, DatabaseFailure.Categorize(new PostgresException("m", "ERROR", "ERROR", sqlState)));
}
