using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using TaskWatch.Components.Model;
using TaskWatch.Components.Pages;
using TaskWatch.Core;

namespace TaskWatch.Tests.Components;

/// <summary>The wall as a room sees it: tiles, failures, the banners that keep it honest, its pages.</summary>
public sealed class WallPageTests : UiTestContext
{
    private IRenderedComponent<Wall> RenderWall(string uri = "/wall", params JobView[] jobs)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        Live.Publish(jobs);
        return Render<Wall>();
    }

    private static JobView Running(int i) => WallBoardTests.Job($"r{i:00}", JobState.Running, instance: $"i{i}") with { Progress = i, CreatedUtc = Now.AddMinutes(-60 + i) };

    [Fact]
    public void Wall_NothingToShow_SaysAllCalm_AndCarriesItsReloadPeriod()
    {
        Live.MarkPollerAlive();
        var wall = RenderWall("/wall?reload=30");
        Assert.Contains("All calm", wall.Find("[data-testid=wall-calm]").TextContent, StringComparison.Ordinal);
        Assert.Equal("30", wall.Find("[data-testid=wall]").GetAttribute("data-reload-after-minutes"));
        Assert.Equal("main", wall.Find("[data-testid=wall]").TagName.ToLowerInvariant());
    }

    [Fact]
    public void Wall_PollerNeverReported_ShowsTheStaleBanner_UntilItReports()
    {
        var wall = RenderWall();
        Assert.Contains("Data may be out of date", wall.Find("[data-testid=stale-banner]").TextContent, StringComparison.Ordinal);

        Live.MarkPollerAlive();
        Time.Advance(TimeSpan.FromSeconds(2));
        wall.WaitForAssertion(() => Assert.Empty(wall.FindAll("[data-testid=stale-banner]")));
    }

    [Fact]
    public void Wall_PollerSilentForLong_BannerComesBack()
    {
        Live.MarkPollerAlive();
        var wall = RenderWall();
        Assert.Empty(wall.FindAll("[data-testid=stale-banner]"));

        Time.Advance(TimeSpan.FromSeconds(30));
        wall.WaitForAssertion(() => Assert.NotNull(wall.Find("[data-testid=stale-banner]")));
    }

    [Fact]
    public void Wall_Markup_GivesTheBrowserWhatItNeedsToStayHonestWhenUpdatesStop()
    {
        var wall = RenderWall("/wall", Running(1));
        // js/taskwatch.js keeps the clock, fills the banner's and the footer's last-update time, and CSS marks elapsed times.
        Assert.NotNull(wall.Find("[data-viewer-clock]"));
        Assert.NotNull(wall.Find("[data-testid=connection-banner] [data-connection-as-of]"));
        Assert.NotNull(wall.Find("footer .tw-when-stale [data-connection-age]"));
        Assert.NotEmpty(wall.FindAll(".tw-wall-tile .tw-ago"));
    }

    [Fact]
    public void Wall_RunningJobAfterFailure_ShowsTileWithProgressAndThePreviousFailure()
    {
        var wall = RenderWall("/wall",
            WallBoardTests.Job("old", JobState.Failed, instance: "i7", ended: Now.AddDays(-3), reason: "quota exceeded"),
            WallBoardTests.Job("new", JobState.Running, instance: "i7") with { Progress = 40 });
        var tile = wall.Find(".tw-wall-tile[data-job-id=new]");
        Assert.Equal("40", tile.QuerySelector("[role=progressbar]")!.GetAttribute("aria-valuenow"));
        Assert.Equal("Progress of Job new", tile.QuerySelector("[role=progressbar]")!.GetAttribute("aria-label"));
        Assert.Contains("failed before: quota exceeded", tile.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Wall_HostileFailureReason_RenderedAsTextNotMarkup()
    {
        var wall = RenderWall("/wall", WallBoardTests.Job("x1", JobState.Failed, ended: Now.AddMinutes(-3), reason: "<img src=x onerror=alert(1)>"));
        Assert.Equal("<img src=x onerror=alert(1)>", wall.Find(".tw-wall-failure-reason").TextContent);
        Assert.Empty(wall.FindAll("img"));
    }

    [Fact]
    public void Wall_MoreTilesThanFit_PagesThem_AndSaysWhichPage()
    {
        Live.MarkPollerAlive();
        var jobs = Enumerable.Range(1, WallFit.Default.Tiles + 5).Select(Running).ToArray();
        var wall = RenderWall("/wall", jobs);
        Assert.Equal(WallFit.Default.Tiles, wall.FindAll(".tw-wall-tile").Count);
        Assert.Contains("page 1 of 2", wall.Find(".tw-wall-running h2").TextContent, StringComparison.Ordinal);
        Assert.Equal("r01", wall.Find(".tw-wall-tile").GetAttribute("data-job-id"));

        Time.Advance(TimeSpan.FromSeconds(14));
        wall.WaitForAssertion(() => Assert.Contains("page 2 of 2", wall.Find(".tw-wall-running h2").TextContent, StringComparison.Ordinal));
        Assert.Equal(5, wall.FindAll(".tw-wall-tile").Count);
    }

    [Fact]
    public void Wall_MoreFailuresThanFit_SaysHowManyMore()
    {
        var failures = Enumerable.Range(1, WallFit.Default.Failures + 3)
            .Select(i => WallBoardTests.Job($"f{i:00}", JobState.Failed, instance: $"i{i}", ended: Now.AddMinutes(-i), reason: "disk full")).ToArray();
        var wall = RenderWall("/wall", failures);
        Assert.Equal(WallFit.Default.Failures, wall.FindAll(".tw-wall-failure").Count);
        Assert.Equal("and 3 more", wall.Find("[data-testid=failures-more]").TextContent.Trim());
    }

    [Fact]
    public void Wall_BrowserSaysFewerFit_PagesByWhatFits_AndCountsTheFailuresLeftOut()
    {
        Live.MarkPollerAlive();
        var failures = Enumerable.Range(1, 5).Select(i => WallBoardTests.Job($"f{i}", JobState.Failed, instance: $"x{i}", ended: Now.AddMinutes(-i), reason: "disk full"));
        var wall = RenderWall("/wall", [.. Enumerable.Range(1, 10).Select(Running), .. failures]);

        // What js/taskwatch.js reports after measuring this screen: 4 tiles and 2 cards fit whole.
        wall.InvokeAsync(() => wall.Instance.Fit(4, 2));

        wall.WaitForAssertion(() => Assert.Equal(4, wall.FindAll(".tw-wall-tile").Count));
        Assert.Contains("page 1 of 3", wall.Find(".tw-wall-running h2").TextContent, StringComparison.Ordinal);
        Assert.Equal(2, wall.FindAll(".tw-wall-failure").Count);
        Assert.Equal("and 3 more", wall.Find("[data-testid=failures-more]").TextContent.Trim());
    }

    [Fact]
    public void Wall_ProjectInTheUrl_ShowsOnlyThatProject_AndNamesIt()
    {
        var wall = RenderWall("/wall?project=p2",
            WallBoardTests.Job("a", JobState.Running, project: "p1"),
            WallBoardTests.Job("b", JobState.Running, project: "p2"));
        Assert.Equal(["b"], wall.FindAll(".tw-wall-tile").Select(t => t.GetAttribute("data-job-id")));
        Assert.Contains("p2", wall.Find("h1").TextContent, StringComparison.Ordinal);
    }
}
