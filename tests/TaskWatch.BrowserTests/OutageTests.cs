using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TaskWatch.BrowserTests.Support;
using TaskWatch.Components.Model;
using TaskWatch.Live;

namespace TaskWatch.BrowserTests;

/// <summary>
/// Walls, dashboards and job pages left open through outages the server cannot report: the browser's
/// network cut, and a server that stops answering without closing the connection. The issue tried
/// 60 s; 20 s (<see cref="Outage.Length"/>) shows the same: the banner is not late and its age is the last update's.
/// </summary>
public sealed class OutageTests
{
    private static readonly Dictionary<string, string?> SlowJobs = new() { ["TaskWatch:Demo:Speed"] = "1.5" };

    [Fact]
    public async Task WallAndDashboard_BrowserOffline_BannerFromLastUpdate_TimesHonest_LiveAgainWhenOnline()
    {
        await using var session = await BrowserSession.StartAsync(SlowJobs, width: 1920, height: 1080);
        var wall = session.Page;
        await wall.GotoAsync(session.Url("/wall"));
        await wall.WaitForCircuitAsync();
        var tiles = wall.Locator(".tw-wall-tile");
        await tiles.First.WaitForAsync(new() { Timeout = 30_000 });
        var dashboard = await wall.Context.NewPageAsync();
        await dashboard.GotoAsync(session.Url("/"));
        await dashboard.WaitForCircuitAsync();
        var rows = dashboard.Locator("tr[data-job-id]");
        await Assertions.Expect(rows.First).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await Task.WhenAll(Outage.WatchUpdatesAsync(wall), Outage.WatchUpdatesAsync(dashboard));
        var cut = DateTime.UtcNow;
        await wall.Context.SetOfflineAsync(true);

        await Outage.ExpectBannerAsync(wall, tiles);
        await Outage.ExpectBannerAsync(dashboard, rows);
        await Task.Delay(Outage.Length - (DateTime.UtcNow - cut), TestContext.Current.CancellationToken);
        await Outage.ExpectHonestAsync(wall, tiles);
        await Outage.ExpectClockIsNowAsync(wall);
        await Outage.ExpectHonestAsync(dashboard, rows);

        await wall.Context.SetOfflineAsync(false);
        await Outage.ExpectLiveAgainAsync(wall);
        await Outage.ExpectLiveAgainAsync(dashboard);
    }

    [Fact]
    public async Task WallAndJobPage_ServerStopsAnsweringConnectionOpen_BannerFromLastUpdate_LiveAgainWhenItAnswers()
    {
        await using var session = await BrowserSession.StartAsync(SlowJobs, width: 1920, height: 1080);
        await using var proxy = new StallingProxy(session.Host.BaseUri);
        var wall = session.Page;
        await wall.GotoAsync(proxy.Url("/wall"));
        await wall.WaitForCircuitAsync();
        var tiles = wall.Locator(".tw-wall-tile");
        await tiles.First.WaitForAsync(new() { Timeout = 30_000 });
        var live = session.Host.Services.GetRequiredService<LiveJobStore>();
        var running = live.Snapshot().First(j => j.IsRunning);
        var job = await wall.Context.NewPageAsync();
        await job.GotoAsync(proxy.Url(StoredJobView.Link(running.Key)));
        await job.WaitForCircuitAsync();
        var facts = job.GetByTestId("polling-state");
        await Assertions.Expect(facts).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await Task.WhenAll(Outage.WatchUpdatesAsync(wall), Outage.WatchUpdatesAsync(job));
        var stalled = DateTime.UtcNow;
        proxy.Pause();

        await Outage.ExpectBannerAsync(wall, tiles);
        await Outage.ExpectBannerAsync(job, facts);
        await Task.Delay(Outage.Length - (DateTime.UtcNow - stalled), TestContext.Current.CancellationToken);
        await Outage.ExpectHonestAsync(wall, tiles);
        await Outage.ExpectClockIsNowAsync(wall);
        await Outage.ExpectHonestAsync(job, facts);

        proxy.Resume();
        await Outage.ExpectLiveAgainAsync(wall);
        await Outage.ExpectLiveAgainAsync(job);
    }
}
