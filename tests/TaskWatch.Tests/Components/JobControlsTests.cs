using Bunit;
using TaskWatch.Components.Controls;
using TaskWatch.Components.Model;
using TaskWatch.Core;
using TaskWatch.Live;
using TaskWatch.Storage;

namespace TaskWatch.Tests.Components;

/// <summary>The small controls every page shows: status, progress, ETA, overdue, the progress chart.</summary>
public sealed class JobControlsTests : UiTestContext
{
    private static readonly JobView RunningJob = WallBoardTests.Job("j1", JobState.Running) with { Name = "RestartMysqlInstance", CreatedUtc = Now.AddMinutes(-3) };

    [Fact]
    public void StatusBadge_ShowsSymbolAndText_NotColourAlone()
    {
        var badge = Render<StatusBadge>(p => p.Add(b => b.Job, WallBoardTests.Job("a", JobState.Failed)));
        Assert.Equal("✖ Failed", badge.Find("[data-testid=status]").TextContent.Trim());
        Assert.Contains("mud-chip-color-error", badge.Find("[data-testid=status]").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusBadge_InTheGrid_TheSameChipWithoutAComponentPerRow()
    {
        var badge = Render<StatusBadge>(p => p.Add(b => b.Job, WallBoardTests.Job("a", JobState.Running)).Add(b => b.InGrid, true));
        var chip = badge.Find("[data-testid=status]");
        Assert.Equal("▶ Running", chip.TextContent.Trim());
        Assert.Contains("mud-chip mud-chip-outlined mud-chip-size-small mud-chip-color-info", chip.ClassName, StringComparison.Ordinal);
        Assert.Empty(badge.FindComponents<MudBlazor.MudChip<string>>());
    }

    [Fact]
    public void StatusBadge_StoppedJob_SaysNotTracked()
    {
        var badge = Render<StatusBadge>(p => p.Add(b => b.Job, WallBoardTests.Job("a", JobState.Running) with { Phase = PollPhase.Stopped }));
        Assert.Contains("Running · not tracked", badge.Find("[data-testid=status]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void JobProgress_NamedBarWithItsValue_AndTheFigureBesideIt()
    {
        var progress = Render<JobProgress>(p => p.Add(c => c.Job, RunningJob with { Progress = 60 }));
        var bar = progress.Find("[role=progressbar]");
        Assert.Equal("60", bar.GetAttribute("aria-valuenow"));
        Assert.Equal("Progress of RestartMysqlInstance", bar.GetAttribute("aria-label"));
        Assert.Equal("60%", progress.Find(".tw-progress-text").TextContent);

        progress.Render(p => p.Add(c => c.Job, RunningJob with { Progress = null }));
        Assert.Equal("…", progress.Find(".tw-progress-text").TextContent);
    }

    [Fact]
    public void EtaText_ShowsTimeAndUsualRange_OrSaysTooLittleHistory()
    {
        var withHistory = RunningJob with { Eta = new JobEta(Now.AddMinutes(12), EtaBasis.Typical, 9, TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(12)) };
        Assert.Equal("about 12:12, usually 8–12 min", Render<EtaText>(p => p.Add(e => e.Job, withHistory)).Find("[data-testid=eta]").TextContent);

        var without = RunningJob with { Eta = new JobEta(null, EtaBasis.TooLittleHistory, 1, null, null) };
        Assert.Contains("too little history", Render<EtaText>(p => p.Add(e => e.Job, without)).Markup, StringComparison.Ordinal);

        var finished = withHistory with { State = JobState.Completed, Phase = PollPhase.Done };
        Assert.Empty(Render<EtaText>(p => p.Add(e => e.Job, finished)).FindAll("[data-testid=eta]"));
    }

    [Fact]
    public void OverdueBadge_ShowsOnlyForOverdueJobs_WithTheReason()
    {
        Assert.Empty(Render<OverdueBadge>(p => p.Add(o => o.Job, RunningJob)).FindAll("[data-testid=overdue]"));
        var badge = Render<OverdueBadge>(p => p.Add(o => o.Job, RunningJob with { IsOverdue = true, OverdueReason = "progress stuck at 40 % for 16 min" })).Find("[data-testid=overdue]");
        Assert.Equal("Overdue: progress stuck at 40 % for 16 min", badge.GetAttribute("title"));
        Assert.Contains("overdue", badge.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void CounterTiles_ShowEachCountWithItsWords()
    {
        var tiles = Render<CounterTiles>(p => p.Add(c => c.Counters, new JobCounters(3, 2, 7, 1, 0) { }));
        Assert.Equal("3", tiles.Find("[data-testid=count-running] .tw-counter-value").TextContent);
        Assert.Contains("running now", tiles.Find("[data-testid=count-running]").TextContent, StringComparison.Ordinal);
        Assert.Equal("2", tiles.Find("[data-testid=count-failed] .tw-counter-value").TextContent);
    }

    [Fact]
    public void ProgressChart_Points_DrawnAsMudChartLineWithItsScale()
    {
        var points = new List<ProgressPoint> { new(Now.AddMinutes(-2), 10), new(Now.AddMinutes(-1), 60) };
        var chart = Render<ProgressChart>(p => p.Add(c => c.Points, points));
        var figure = chart.Find("[data-testid=progress-chart]");
        Assert.StartsWith("Progress over time, 0 to 100 percent", figure.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.NotEmpty(figure.QuerySelectorAll("svg path"));
        Assert.Contains("100%", figure.TextContent, StringComparison.Ordinal);
        Assert.Contains(Now.AddMinutes(-2).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), figure.TextContent, StringComparison.Ordinal);

        Assert.Contains("No progress observed yet.", Render<ProgressChart>(p => p.Add(c => c.Points, [])).Markup, StringComparison.Ordinal);
    }
}
