using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TaskWatch.BrowserTests.Support;
using TaskWatch.Cloud;
using TaskWatch.Simulator;

namespace TaskWatch.BrowserTests;

/// <summary>Registering jobs by hand, and reading one job's page.</summary>
public sealed class RegisterAndDetailTests
{
    private const string Hostile = "<img src=x onerror=alert(1)>";

    [Fact]
    public async Task RegisterThreeIds_OneInvalid_ShowsEachResult_ThenDetailShowsTimelineAndReasonAsText()
    {
        await using var session = await BrowserSession.StartAsync(new Dictionary<string, string?> { ["TaskWatch:Demo:JobsPerMinute"] = "2" });
        var page = session.Page;
        var dialogs = 0;
        page.Dialog += async (_, d) => { dialogs++; await d.DismissAsync(); };

        // Two jobs the (simulated) cloud knows: one failed with a reason that is markup, one running.
        var project = session.Host.Services.GetRequiredService<ProjectCatalog>().Find("demo-rds-eu-de")!;
        var simulator = session.Host.Demo!.Simulator;
        var now = simulator.UtcNow;
        var failed = NewJob(project.ProjectId, now, fails: true);
        var running = NewJob(project.ProjectId, now, fails: false);
        simulator.Add(failed);
        simulator.Add(running);

        await page.GotoAsync(session.Url("/"));
        await page.WaitForNavigationOrNothingAsync();
        await page.WaitForCircuitAsync();
        await page.GetByTestId("open-register").ClickUntilVisibleAsync(page.GetByTestId("register-project"));
        await page.PickAsync("register-project", "demo-rds-eu-de");
        // A paste of the most the dialog takes arrives whole: the page stays connected and counts it.
        var thousand = string.Join('\n', Enumerable.Range(0, 1000).Select(_ => Guid.NewGuid().ToString()));
        await page.GetByTestId("register-ids").FillAsync(thousand);
        await Assertions.Expect(page.GetByTestId("register-count")).ToHaveTextAsync("1000 job id(s).", new() { Timeout = 20_000 });
        await page.GetByTestId("register-close").ClickAsync();
        await Assertions.Expect(page.GetByTestId("register-dialog")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await page.GetByTestId("open-register").ClickUntilVisibleAsync(page.GetByTestId("register-project"));
        await page.PickAsync("register-project", "demo-rds-eu-de");
        await page.GetByTestId("register-ids").FillAsync($"{failed.Id}\n{running.Id}, not/a/job/id");
        await Assertions.Expect(page.GetByTestId("register-count")).ToContainTextAsync("3 job id(s)");
        await page.GetByTestId("register-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("register-summary")).ToHaveTextAsync("2 of 3 accepted.");
        await Assertions.Expect(page.Locator($"tr[data-result-id='{failed.Id}']")).ToContainTextAsync("Registered");
        await Assertions.Expect(page.Locator($"tr[data-result-id='{running.Id}']")).ToContainTextAsync("Registered");
        await Assertions.Expect(page.Locator("tr[data-result-id='not/a/job/id']")).ToContainTextAsync("Not a job id: a job id has only letters, digits and '-'; found '/'.");

        // The job page: the reason word for word, as text; the timeline of what was observed.
        await page.GotoAsync(session.Url($"/jobs/demo-rds-eu-de/{failed.Id}"));
        await Assertions.Expect(page.GetByTestId("detail-fail-reason")).ToHaveTextAsync(Hostile, new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("timeline-row").First).ToContainTextAsync("Failed");
        Assert.Equal(0, await page.Locator("main img").CountAsync());

        await page.GotoAsync(session.Url($"/jobs/demo-rds-eu-de/{running.Id}"));
        await Assertions.Expect(page.GetByTestId("timeline-row")).Not.ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("timeline-row").First).ToContainTextAsync("Running");
        await Assertions.Expect(page.GetByTestId("entities")).ToContainTextAsync("Endpoint");
        await Assertions.Expect(page.GetByTestId("progress-chart")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(2000);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.DocsFolder(), "job-detail.png"), FullPage = true });

        // The dashboard's list shows the same hostile reason as text too.
        await page.GotoAsync(session.Url($"/?q={failed.Id}"));
        await Assertions.Expect(page.Locator($"tr:has([data-job-id='{failed.Id}']) [data-testid=fail-reason]")).ToHaveTextAsync(Hostile);

        // Stop tracking from the row, after confirming: the row goes, the history stays.
        await page.GotoAsync(session.Url($"/?q={running.Id}"));
        await page.WaitForCircuitAsync();
        var runningRow = page.Locator($"tr:has([data-job-id='{running.Id}'])");
        await runningRow.GetByTestId("stop").ClickUntilVisibleAsync(runningRow.GetByTestId("confirm-stop"));
        await runningRow.GetByTestId("confirm-stop").ClickAsync();
        await Assertions.Expect(runningRow).ToHaveCountAsync(0);
        await page.GotoAsync(session.Url($"/history?q={running.Id}"));
        await Assertions.Expect(page.Locator($"tr[data-job-id='{running.Id}']")).ToContainTextAsync("Running");

        await page.GotoAsync(session.Url("/jobs/demo-rds-eu-de/0123456789abcdef0123456789abcdef"));
        await Assertions.Expect(page.GetByTestId("not-tracked")).ToContainTextAsync("This job is not tracked.");
        Assert.Equal(0, dialogs);
    }

    private static SimulatedJob NewJob(string projectId, DateTime now, bool fails) => new()
    {
        Id = Guid.NewGuid().ToString(),
        ProjectId = projectId,
        Kind = SimulatedJobKind.All[0],
        InstanceId = Guid.NewGuid().ToString("N") + "in01",
        InstanceName = fails ? "rds-hostile-reason" : "rds-running-long",
        CreatedUtc = now.AddSeconds(-30),
        Invisible = TimeSpan.Zero,
        Duration = fails ? TimeSpan.FromSeconds(60) : TimeSpan.FromMinutes(2),
        FailsAt = fails ? 0.2 : null,
        FailReason = fails ? Hostile : null,
        ProgressStep = 1,
    };
}
