using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TaskWatch.BrowserTests.Support;
using TaskWatch.Core;
using TaskWatch.Live;

namespace TaskWatch.BrowserTests;

/// <summary>The wall across a server stopped for 20 s (<see cref="Outage.Length"/>; the issue tried 60 s and 180 s) and started again, and the history that outlives it.</summary>
public sealed class WallAndHistoryTests
{
    [Fact]
    public async Task Wall_ServerStoppedAndRestarted_BannerFromLastUpdate_TimesHonest_LiveAgainByItself_AndHistoryFindsEarlierJob()
    {
        var port = BrowserSession.FreePort();
        await using var session = await BrowserSession.StartAsync(new Dictionary<string, string?>
            {
                ["urls"] = $"http://127.0.0.1:{port}",
                // Slower jobs, so running tiles stay on the wall long enough to be seen.
                ["TaskWatch:Demo:Speed"] = "1.5",
            }, width: 1920, height: 1080);
        var page = session.Page;
        await page.GotoAsync(session.Url("/wall"));
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.connection === 'up'", null, new() { Timeout = 15_000 });
        await page.Locator(".tw-wall-tile").First.WaitForAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"^\d+ running · \d+ failed"));
        var banner = page.GetByTestId("connection-banner");
        await Assertions.Expect(banner).ToBeHiddenAsync();

        // Fits a 1920×1080 TV without scrolling.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight <= window.innerHeight"), "the wall scrolls at 1920×1080");
        await page.WaitForTimeoutAsync(1500);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.DocsFolder(), "wall.png") });

        // A job that finished in this run, to be found in the history after the restart.
        var live = session.Host.Services.GetRequiredService<LiveJobStore>();
        JobView? done = null;
        for (var i = 0; i < 120 && done is null; i++)
        {
            done = live.Snapshot().FirstOrDefault(j => j.State == JobState.Completed && j.Phase == PollPhase.Done);
            if (done is null)
            {
                await Task.Delay(250, TestContext.Current.CancellationToken);
            }
        }

        Assert.NotNull(done);

        var reloads = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) reloads++; };
        var header = page.Locator(".tw-wall-header");
        await Outage.WatchUpdatesAsync(page);
        var stopped = DateTime.UtcNow;
        await session.StopHostAsync();
        // The last known state stays in view under the banner, which counts from the last update.
        await Outage.ExpectBannerAsync(page, header);
        await Task.Delay(Outage.Length - (DateTime.UtcNow - stopped), TestContext.Current.CancellationToken);
        await Outage.ExpectHonestAsync(page, page.Locator(".tw-wall-tile"));
        await Outage.ExpectClockIsNowAsync(page);

        await session.StartHostAsync();
        await Outage.ExpectLiveAgainAsync(page);
        await Assertions.Expect(page.GetByTestId("wall")).ToBeVisibleAsync();
        // The old circuit died with the server: the page reloaded by itself, nobody clicked.
        Assert.True(reloads >= 1, "the wall did not reload after the server came back");

        // History: the job completed before the restart, found by its id.
        await page.SetViewportSizeAsync(1400, 900);
        await page.GotoAsync(session.Url($"/history?q={done!.Key.JobId}"));
        var row = page.Locator($"tr[data-job-id='{done.Key.JobId}']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Completed");

        var csv = await page.APIRequest.GetAsync(session.Url("/api/history.csv?status=Completed"));
        Assert.Contains(done.Key.JobId, await csv.TextAsync());

        await page.GotoAsync(session.Url("/history"));
        await Assertions.Expect(page.GetByTestId("history-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[1-9][0-9,]* job\(s\) found"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.DocsFolder(), "history.png") });
    }
}
