using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Reliability;

/// <summary>A database that refuses writes is reported, and nothing the poller learnt meanwhile is lost.</summary>
[Collection(nameof(HeavyCollection))]
public sealed class LockedDatabaseTests
{
    [Fact]
    public async Task LockedDatabase_FailsTheHealthCheck_AndShowsABanner_ThenWritesResume()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["TaskWatch:Demo:JobsPerMinute"] = "60" });
        var ct = TestContext.Current.CancellationToken;
        await TestApp.EventuallyAsync(async () => await StatusAsync(app) == "Healthy" ? true : (bool?)null, TimeSpan.FromSeconds(60), "a healthy start");

        long snapshotsBefore;
        using (var blocker = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False"))
        {
            blocker.Open();
            using (var exclusive = blocker.CreateCommand())
            {
                // Another process holding the write lock: every write TaskWatch tries now times out as "database is locked".
                exclusive.CommandText = "BEGIN EXCLUSIVE;";
                exclusive.ExecuteNonQuery();
            }

            var report = await TestApp.EventuallyAsync(async () =>
            {
                var h = await HealthAsync(app);
                return h.GetProperty("checks").GetProperty("database").GetProperty("status").GetString() == "Unhealthy" ? (JsonElement?)h : null;
            }, TimeSpan.FromSeconds(90), "the health check to report the locked database");
            // The category a reader can act on ("locked": another process holds the write lock), never the file's path.
            var description = report.GetProperty("checks").GetProperty("database").GetProperty("description").GetString();
            Assert.Contains("locked", description, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(".db", description, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("locked", report.GetProperty("checks").GetProperty("database").GetProperty("category").GetString());

            var page = await app.Http.GetStringAsync("/", ct);
            Assert.Contains("data-testid=\"storage-banner\"", page, StringComparison.Ordinal);

            using var rollback = blocker.CreateCommand();
            rollback.CommandText = "SELECT COUNT(*) FROM JobSnapshots;";
            snapshotsBefore = (long)rollback.ExecuteScalar()!;
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }

        await TestApp.EventuallyAsync(async () => await StatusAsync(app) == "Healthy" ? true : (bool?)null, TimeSpan.FromSeconds(60), "writes to resume");
        await TestApp.EventuallyAsync(async () => await CountSnapshotsAsync(app) > snapshotsBefore ? true : (bool?)null, TimeSpan.FromSeconds(60), "the held-back changes to be stored");
        Assert.DoesNotContain("data-testid=\"storage-banner\"", await app.Http.GetStringAsync("/", ct), StringComparison.Ordinal);
    }

    private static async Task<string?> StatusAsync(TestApp app) => (await HealthAsync(app)).GetProperty("status").GetString();

    // An unhealthy report comes with 503: read the body whatever the status.
    private static async Task<JsonElement> HealthAsync(TestApp app)
    {
        using var response = await app.Http.GetAsync("/healthz");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<long> CountSnapshotsAsync(TestApp app)
    {
        using var connection = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM JobSnapshots;";
        return Task.FromResult((long)command.ExecuteScalar()!);
    }
}
