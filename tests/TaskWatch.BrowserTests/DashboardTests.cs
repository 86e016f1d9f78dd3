using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TaskWatch.BrowserTests.Support;

namespace TaskWatch.BrowserTests;

/// <summary>What a person sees on the dashboard, in a real Chromium against the real app.</summary>
public sealed class DashboardTests
{
    [Fact]
    public async Task Dashboard_ShowsLiveJobs_AndProgressMovesWithoutReload()
    {
        await using var session = await BrowserSession.StartAsync(width: 1280, height: 860);
        var page = session.Page;
        await page.GotoAsync(session.Url("/"));

        // Wait for a running job with a progress figure, then watch that same row move.
        var progress = page.Locator("[data-testid=progress]").First;
        await progress.WaitForAsync(new() { Timeout = 30_000 });
        // MudDataGrid puts no attributes on a row: the Job cell's link carries the job's id, project and status.
        var row = page.Locator("tr:has([data-job-id])", new() { Has = page.Locator("[data-testid=progress]") }).First;
        var jobId = await row.Locator("[data-job-id]").GetAttributeAsync("data-job-id");
        var before = await page.Locator($"tr:has([data-job-id='{jobId}']) [data-testid=progress]").GetAttributeAsync("aria-valuenow");
        await page.WaitForNavigationOrNothingAsync();
        var navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };

        await Assertions.Expect(page.Locator($"[data-testid=jobs-grid] [data-job-id='{jobId}']")).Not.ToHaveAttributeAsync("data-status", "Registered", new() { Timeout = 5_000 });
        await page.WaitForFunctionAsync(
            "([id, before]) => { const el = document.querySelector(`tr:has([data-job-id='${id}']) [data-testid=progress]`); return !el || el.getAttribute('aria-valuenow') !== before; }",
            new object[] { jobId!, before! },
            new() { Timeout = 45_000, PollingInterval = 250 });
        Assert.Equal(0, navigations);

        // Every state shows up, with text beside its symbol.
        await Assertions.Expect(page.Locator("[data-testid=count-running] .tw-counter-value")).Not.ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("[data-testid=zone-label]")).ToContainTextAsync("Europe/Berlin");

        await page.WaitForTimeoutAsync(1500);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.DocsFolder(), "dashboard.png") });
        // At 1280 px every column, the stop button included, is in view without scrolling sideways.
        Assert.True(await page.EvaluateAsync<bool>("() => { const g = document.querySelector('[data-testid=jobs-grid] .mud-table-container'); return g.scrollWidth <= g.clientWidth; }"), "the job grid scrolls sideways at 1280 px: " + await page.EvaluateAsync<string>("() => [...document.querySelectorAll('[data-testid=jobs-grid] th')].map(t => t.textContent.trim() + '=' + t.offsetWidth).join(' ') + ' grid=' + document.querySelector('[data-testid=jobs-grid] .mud-table-container').clientWidth"));

    }

    [Fact]
    public async Task Dashboard_WidestRows_TakenFailureOverdueAndLongNames_FitIn1280WithoutSidewaysScroll()
    {
        // Not the demo's luck: every kind of row that widens a column, at once (a taken failure's "on it" and "Let go"
        // beside Stop, an untaken one's "Take it", an overdue running job with its ETA, long names and reasons).
        await using var session = await BrowserSession.StartAsync(new Dictionary<string, string?> { ["TaskWatch:Demo:Enabled"] = "false" }, width: 1280, height: 860);
        var live = session.Host.Services.GetRequiredService<TaskWatch.Live.LiveJobStore>();
        var now = DateTime.UtcNow;
        TaskWatch.Core.JobView Row(string id, TaskWatch.Core.JobState state) => new()
        {
            Key = new("demo-gaussdb-eu-de-production", id), Service = TaskWatch.Core.CloudService.GaussDb, Name = "RestoreSqlserverInInstanceWithAVeryLongName",
            State = state, Phase = state == TaskWatch.Core.JobState.Running ? TaskWatch.Core.PollPhase.Active : TaskWatch.Core.PollPhase.Done,
            Progress = state == TaskWatch.Core.JobState.Running ? 57 : null, InstanceId = "inst-" + id, InstanceName = "gaussdb-eu-de-orders-archive-" + id,
            CreatedUtc = now.AddHours(-3), EndedUtc = state == TaskWatch.Core.JobState.Running ? null : now.AddMinutes(-4), RegisteredUtc = now.AddHours(-3),
            FailReason = state == TaskWatch.Core.JobState.Failed ? "Insufficient quota: the volume size exceeds the remaining EVS quota of the project." : null,
        };
        live.Publish([
            Row("failed-open", TaskWatch.Core.JobState.Failed),
            Row("failed-taken", TaskWatch.Core.JobState.Failed) with { Ack = new("firstname.lastname@example.com", now, "INC-4711, retrying at 14:00") },
            Row("overdue", TaskWatch.Core.JobState.Running) with { IsOverdue = true, OverdueReason = "Running 3 h, usually 40 min." },
            Row("running", TaskWatch.Core.JobState.Running),
            Row("done", TaskWatch.Core.JobState.Completed),
        ]);
        live.MarkPollerAlive();
        var page = session.Page;
        await page.GotoAsync(session.Url("/"));
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByTestId("row-unack")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("row-ack").First).ToBeVisibleAsync();

        Assert.True(await page.EvaluateAsync<bool>("() => { const g = document.querySelector('[data-testid=jobs-grid] .mud-table-container'); return g.scrollWidth <= g.clientWidth; }"), "the job grid scrolls sideways at 1280 px: " + await page.EvaluateAsync<string>("() => [...document.querySelectorAll('[data-testid=jobs-grid] tr.tw-head th')].map(t => t.textContent.trim() + '=' + t.offsetWidth).join(' ') + ' grid=' + document.querySelector('[data-testid=jobs-grid] .mud-table-container').clientWidth"));
    }

    [Fact]
    public async Task Dashboard_FilterInUrl_ShowsOnlyMatchingRows_AlsoOnAPhone()
    {
        await using var session = await BrowserSession.StartAsync(width: 400, height: 860);
        var page = session.Page;
        await page.GotoAsync(session.Url("/?project=demo-dds-eu-de"));

        var rows = page.Locator("[data-testid=jobs-grid] [data-job-id]");
        await rows.First.WaitForAsync(new() { Timeout = 30_000 });
        var projects = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.project)");
        Assert.NotEmpty(projects);
        Assert.All(projects, p => Assert.Equal("demo-dds-eu-de", p));
        // The other projects have jobs too: the filter, not an empty store, explains the rows.
        Assert.Contains(session.Host.Services.GetRequiredService<TaskWatch.Live.LiveJobStore>().Snapshot(), j => j.Key.Project != "demo-dds-eu-de");

        // Nothing sticks out sideways on a phone: the page is no wider than the screen.
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 400, $"the page is {scrollWidth} px wide on a 400 px screen");
        await page.WaitForTimeoutAsync(1000);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.DocsFolder(), "dashboard-phone.png") });
    }
}
