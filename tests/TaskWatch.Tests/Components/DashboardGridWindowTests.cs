using TaskWatch.Components.Model;
using TaskWatch.Core;

namespace TaskWatch.Tests.Components;

/// <summary>The grid's window: the rows it shows, and a job's row staying the same while the job changes.</summary>
public sealed class DashboardGridWindowTests
{
    private static JobView Job(string id, int progress = 10) => new()
    {
        Key = new JobKey("p1", id),
        Service = CloudService.Rds,
        Name = "Job " + id,
        State = JobState.Running,
        Progress = progress,
        Phase = PollPhase.Active,
        RegisteredUtc = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc),
    };

    [Fact]
    public void Take_GivesTheAskedRows_AndRemembersThemAndTheWindowsEnd()
    {
        var window = new DashboardGridWindow();
        JobView[] rows = [Job("a"), Job("b"), Job("c"), Job("d")];

        var shown = window.Take(rows, 1, 2);

        Assert.Equal(["b", "c"], shown.Select(r => r.View.Key.JobId));
        Assert.Equal(["b", "c"], window.Shown.Select(v => v.Key.JobId));
        Assert.Equal(3, window.End);
    }

    [Fact]
    public void Take_PastTheLastRow_GivesWhatThereIs_AndKeepsTheAskedEnd()
    {
        var window = new DashboardGridWindow();

        var shown = window.Take([Job("a"), Job("b")], 1, 30);

        Assert.Equal(["b"], shown.Select(r => r.View.Key.JobId));
        Assert.Equal(31, window.End);
        Assert.Empty(window.Take([Job("a")], 5, 10));
    }

    [Fact]
    public void AJobThatChanges_KeepsItsRow_WithTheNewView()
    {
        var window = new DashboardGridWindow();
        var before = window.Take([Job("a"), Job("b")], 0, 10);

        var after = window.Take([Job("a", progress: 75), Job("b")], 0, 10);

        Assert.Same(before[0], after[0]);
        Assert.Equal(75, after[0].View.Progress);
        Assert.Same(before[1], after[1]);
    }

    [Fact]
    public void AJobThatLeftTheWindow_ComesBackInANewRow()
    {
        var window = new DashboardGridWindow();
        JobView[] rows = [Job("a"), Job("b"), Job("c")];
        var first = window.Take(rows, 0, 1)[0];
        window.Take(rows, 2, 1);

        Assert.NotSame(first, window.Take(rows, 0, 1)[0]);
    }

    [Fact]
    public void Refresh_WhenNoRowMoved_GivesTheSameRowsTheirJobsLatestViews()
    {
        var window = new DashboardGridWindow();
        var shown = window.Take([Job("a"), Job("b"), Job("c")], 1, 2);

        Assert.True(window.Refresh([Job("a"), Job("b", progress: 60), Job("c")]));

        Assert.Equal(60, shown[0].View.Progress);
        Assert.Equal(60, window.Shown[0].Progress);
        Assert.Equal("c", shown[1].View.Key.JobId);
    }

    [Fact]
    public void Refresh_WhenARowMovedOrWent_RefusesAndChangesNothing()
    {
        var window = new DashboardGridWindow();
        var shown = window.Take([Job("a"), Job("b"), Job("c")], 0, 2);

        Assert.False(window.Refresh([Job("b", progress: 60), Job("a"), Job("c")]));
        Assert.False(window.Refresh([Job("a", progress: 60)]));

        Assert.Equal(10, shown[0].View.Progress);
        Assert.Equal(["a", "b"], window.Shown.Select(v => v.Key.JobId));
    }
}
