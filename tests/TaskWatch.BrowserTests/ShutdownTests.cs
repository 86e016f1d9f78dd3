using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using TaskWatch.BrowserTests.Support;
using TaskWatch.Tests.Reliability;
using TaskWatch.Tests.Support;

namespace TaskWatch.BrowserTests;

/// <summary>TaskWatch as a container runs it: SIGTERM with screens connected.</summary>
public sealed class ShutdownTests
{
    // Container runtimes kill 10 s after SIGTERM; the reliability issue asked for a stop within 5 s.
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task App_SigtermWithWallAndDashboardOpen_ExitsWithinFiveSecondsKeepingEveryStoredJob()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var db = Path.Combine(folder.Path, "taskwatch.db");
        using var app = await ChildTaskWatch.StartAsync(db, new Dictionary<string, string>
        {
            ["TaskWatch__Demo__Enabled"] = "true",
            ["TaskWatch__Demo__Speed"] = "6",
            ["TaskWatch__Demo__JobsPerMinute"] = "40",
            ["TaskWatch__Polling__RunningInterval"] = "00:00:01",
        }, ct);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        var wall = await context.NewPageAsync();
        await wall.GotoAsync(new Uri(app.BaseUri, "/wall").AbsoluteUri);
        await wall.WaitForCircuitAsync();
        await wall.Locator(".tw-wall-tile").First.WaitForAsync(new() { Timeout = 30_000 });
        var dashboard = await context.NewPageAsync();
        await dashboard.GotoAsync(app.BaseUri.AbsoluteUri);
        await dashboard.WaitForCircuitAsync();
        await Assertions.Expect(dashboard.Locator("tr:has([data-job-id])").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // Polls in flight and changes on their way to the database and both screens.
        await wall.WaitForTimeoutAsync(2000);
        using var http = new HttpClient { BaseAddress = app.BaseUri };
        var stored = (await http.GetFromJsonAsync<JsonElement>("/api/jobs?limit=1", ct)).GetProperty("total").GetInt32();

        app.Terminate();
        var exited = app.Process.WaitForExit(StopWithin);

        Assert.True(exited, $"TaskWatch was still running {StopWithin.TotalSeconds} s after SIGTERM");
        Assert.Equal(0, app.Process.ExitCode);
        // Both screens say so rather than pretending to be live.
        await Assertions.Expect(wall.GetByTestId("connection-banner")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(dashboard.GetByTestId("connection-banner")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(ct);
        Assert.Equal("ok", await ScalarAsync(connection, "PRAGMA integrity_check"));
        Assert.True(Convert.ToInt32(await ScalarAsync(connection, "SELECT COUNT(*) FROM TrackedJobs"), System.Globalization.CultureInfo.InvariantCulture) >= stored, "jobs stored before SIGTERM are gone");
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
