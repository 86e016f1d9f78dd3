using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TaskWatch.Components.Controls;
using TaskWatch.Tracking;

namespace TaskWatch.Tests.Components;

/// <summary>The banners every page carries: a silent poller, a database that refuses writes, the viewer's zone.</summary>
public sealed class BannersTests : UiTestContext
{
    [Fact]
    public void PollerBanner_PollerReportsThenGoesSilent_BannerAppearsWithTheAge()
    {
        Live.MarkPollerAlive();
        var banner = Render<PollerBanner>();
        Assert.Empty(banner.FindAll("[data-testid=stale-banner]"));

        Time.Advance(TimeSpan.FromMinutes(2));
        banner.WaitForAssertion(() => Assert.Contains("Data may be out of date: last update 2 min ago", banner.Find("[data-testid=stale-banner]").TextContent, StringComparison.Ordinal));
        Assert.Equal("alert", banner.Find("[data-testid=stale-banner]").GetAttribute("role"));
    }

    [Fact]
    public void StorageBanner_DatabaseRefusesWrites_SaysSinceWhenAndHowManyWait_ThenGoesWhenItRecovers()
    {
        var storage = Services.GetRequiredService<StorageHealth>();
        var banner = Render<StorageBanner>();
        Assert.Empty(banner.FindAll("[data-testid=storage-banner]"));

        storage.Failed("disk full", Now);
        storage.PendingChanges = 7;
        Time.Advance(TimeSpan.FromSeconds(2));
        banner.WaitForAssertion(() => Assert.Contains("not being saved since 12:00:00 (UTC): disk full", banner.Find("[data-testid=storage-banner]").TextContent, StringComparison.Ordinal));
        Assert.Contains("7 waiting", banner.Find("[data-testid=storage-banner]").TextContent, StringComparison.Ordinal);

        storage.Recovered();
        Time.Advance(TimeSpan.FromSeconds(2));
        banner.WaitForAssertion(() => Assert.Empty(banner.FindAll("[data-testid=storage-banner]")));
    }

    [Fact]
    public void TimeZoneProbe_BrowserAnswersItsZone_TimesAreShownInIt()
    {
        JSInterop.Setup<string>("taskwatch.timeZone").SetResult("Europe/Berlin");
        Render<TimeZoneProbe>();
        Assert.StartsWith("Europe/Berlin (UTC+01:00)", Clock.ZoneLabel, StringComparison.Ordinal);
        Assert.Equal("2026-11-23 13:00:00", Clock.Format(Now));
    }
}
