using Microsoft.Playwright;
using TaskWatch.BrowserTests.Support;

namespace TaskWatch.BrowserTests;

/// <summary>What a person sees on the dashboard, in a real Chromium against the real app.</summary>
public sealed class DashboardTests
{
    [Fact]
    public async Task Dashboard_ShowsLiveJobs_AndProgressMovesWithoutReload()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await page.GotoAsync(session.Url("/"));

        // Wait for a running job with a progress figure, then watch that same row move.
        var progress = page.Locator("[data-testid=progress]").First;
        await progress.WaitForAsync(new() { Timeout = 30_000 });
        var row = page.Locator("tr[data-job-id]", new() { Has = page.Locator("[data-testid=progress]") }).First;
        var jobId = await row.GetAttributeAsync("data-job-id");
        var before = await page.Locator($"tr[data-job-id='{jobId}'] [data-testid=progress]").GetAttributeAsync("aria-valuenow");
        await page.WaitForNavigationOrNothingAsync();
        var navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };

        await Assertions.Expect(page.Locator($"tr[data-job-id='{jobId}']")).Not.ToHaveAttributeAsync("data-status", "Registered", new() { Timeout = 5_000 });
        await page.WaitForFunctionAsync(
            "([id, before]) => { const el = document.querySelector(`tr[data-job-id='${id}'] [data-testid=progress]`); return !el || el.getAttribute('aria-valuenow') !== before; }",
            new object[] { jobId!, before! },
            new() { Timeout = 45_000, PollingInterval = 250 });
        Assert.Equal(0, navigations);

        // Every state shows up, with text beside its symbol.
        await Assertions.Expect(page.Locator("[data-testid=count-running] .tw-counter-value")).Not.ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("[data-testid=zone-label]")).ToContainTextAsync("Europe/Berlin");

        await page.WaitForTimeoutAsync(1500);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.DocsFolder(), "dashboard.png") });
    }
}
