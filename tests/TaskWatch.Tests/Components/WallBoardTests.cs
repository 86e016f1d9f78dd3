using TaskWatch.Components.Model;
using TaskWatch.Core;
using TaskWatch.Storage;

namespace TaskWatch.Tests.Components;

public sealed class WallBoardTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    internal static JobView Job(string id, JobState? state, string instance = "i1", string project = "p1", DateTime? ended = null, string? reason = null, CloudService service = CloudService.Rds) => new()
    {
        Key = new JobKey(project, id),
        Service = service,
        Name = "Job " + id,
        State = state,
        Phase = state is JobState.Running ? PollPhase.Active : PollPhase.Done,
        InstanceId = instance,
        InstanceName = "db-" + instance,
        CreatedUtc = Now.AddHours(-1),
        EndedUtc = ended,
        FailReason = reason,
        RegisteredUtc = Now.AddHours(-1),
    };

    private static readonly WallQuery All = WallQuery.FromQuery(null);

    [Fact]
    public void Build_NothingRunningNorFailed_Calm()
    {
        var board = WallBoard.Build([Job("a", JobState.Completed, ended: Now.AddMinutes(-5))], All, Now);
        Assert.True(board.IsCalm);
        Assert.Equal(1, board.Counters.Completed24h);
    }

    [Fact]
    public void Build_FailureOlderThanADay_HiddenUnlessItsInstanceRunsAgain()
    {
        var old = Job("old", JobState.Failed, instance: "i1", ended: Now.AddHours(-30), reason: "disk full");
        var other = Job("other", JobState.Failed, instance: "i2", ended: Now.AddHours(-30));
        var board = WallBoard.Build([old, other, Job("retry", JobState.Running, instance: "i1")], All, Now);
        Assert.Equal(["old"], board.Failures.Select(f => f.Key.JobId));
        var tile = Assert.Single(board.Running);
        Assert.Equal("disk full", tile.PreviousFailure?.FailReason);
    }

    [Fact]
    public void Build_RecentFailures_NewestFirst()
    {
        var board = WallBoard.Build([Job("a", JobState.Failed, ended: Now.AddHours(-2)), Job("b", JobState.Failed, ended: Now.AddMinutes(-1))], All, Now);
        Assert.Equal(["b", "a"], board.Failures.Select(f => f.Key.JobId));
        Assert.False(board.IsCalm);
    }

    [Fact]
    public void Build_QueryFilters_ByProjectAndService()
    {
        var jobs = new[]
        {
            Job("a", JobState.Running, project: "p1"),
            Job("b", JobState.Running, project: "p2"),
            Job("c", JobState.Running, project: "p1", service: CloudService.Dds),
        };
        var board = WallBoard.Build(jobs, WallQuery.FromQuery("?project=P1&service=rds"), Now);
        Assert.Equal(["a"], board.Running.Select(t => t.Job.Key.JobId));
        Assert.Equal(1, board.Counters.Running);
    }

    [Fact]
    public void Page_MoreTilesThanFit_PagedAndCondensed()
    {
        var jobs = Enumerable.Range(0, WallFit.Default.Tiles + 5).Select(i => Job($"j{i:00}", JobState.Running, instance: $"i{i}")).ToList();
        var board = WallBoard.Build(jobs, All, Now);
        Assert.Equal("small", board.Density);
        Assert.Equal(2, board.PageCount);
        Assert.Equal(WallFit.Default.Tiles, board.Page(0).Count);
        Assert.Equal(5, board.Page(1).Count);
        Assert.Equal(board.Page(0), board.Page(2));
    }

    [Theory]
    [InlineData(null, 360)]
    [InlineData("?reload=15", 15)]
    [InlineData("?reload=0", 360)]
    [InlineData("?reload=abc", 360)]
    public void WallQuery_ReloadMinutes(string? query, int expected)
    {
        Assert.Equal(expected, WallQuery.FromQuery(query).ReloadMinutes);
    }
}
