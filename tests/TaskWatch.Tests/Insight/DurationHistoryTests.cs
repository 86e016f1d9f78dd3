using TaskWatch.Core;
using TaskWatch.Insight;

namespace TaskWatch.Tests.Insight;

public sealed class DurationHistoryTests
{
    private static readonly DurationKey Restart = new(CloudService.Rds, " RestartMysqlInstance");

    [Fact]
    public void Typical_FromFewRuns_GivesMedianAndP90()
    {
        var history = new DurationHistory(historySize: 50, minimumRuns: 3);
        foreach (var minutes in new[] { 10, 8, 12 })
        {
            history.Add(Restart, TimeSpan.FromMinutes(minutes));
        }

        var typical = history.Typical(Restart)!;
        Assert.Equal(3, typical.Runs);
        Assert.Equal(TimeSpan.FromMinutes(10), typical.Median);
        Assert.Equal(TimeSpan.FromMinutes(11.6), typical.P90);
    }

    [Fact]
    public void Typical_WithOneOutlier_KeepsTheMedianWhereMostRunsAre()
    {
        var history = new DurationHistory(50, 3);
        foreach (var minutes in new[] { 9, 10, 10, 11, 10, 9, 11, 10, 10, 240 })
        {
            history.Add(Restart, TimeSpan.FromMinutes(minutes));
        }

        var typical = history.Typical(Restart)!;
        Assert.Equal(TimeSpan.FromMinutes(10), typical.Median);
        Assert.True(typical.P90 < TimeSpan.FromMinutes(40), $"p90 was {typical.P90}");
    }

    [Fact]
    public void Typical_KeepsOnlyTheLastRuns()
    {
        var history = new DurationHistory(historySize: 5, minimumRuns: 3);
        for (var i = 0; i < 20; i++)
        {
            history.Add(Restart, TimeSpan.FromMinutes(60)); // old, slow runs
        }

        for (var i = 0; i < 5; i++)
        {
            history.Add(Restart, TimeSpan.FromMinutes(2)); // the service got faster
        }

        Assert.Equal(TimeSpan.FromMinutes(2), history.Typical(Restart)!.P90);
        Assert.Equal(5, history.Typical(Restart)!.Runs);
    }

    [Fact]
    public void Typical_NamesDifferingOnlyInSpaceAndCase_AreOneKind()
    {
        var history = new DurationHistory(50, 3);
        history.Add(new DurationKey(CloudService.Rds, "RestartMysqlInstance"), TimeSpan.FromMinutes(1));
        history.Add(new DurationKey(CloudService.Rds, " restartmysqlinstance "), TimeSpan.FromMinutes(1));
        Assert.Equal(2, history.Typical(Restart)!.Runs);
        Assert.Null(history.Typical(new DurationKey(CloudService.Dds, "RestartMysqlInstance")));
    }

    [Fact]
    public void Typical_ExactKindTooThin_FallsBackToTheServiceAndName()
    {
        var history = new DurationHistory(50, 3);
        var small = new DurationKey(CloudService.Rds, "ResizeFlavor_Volume", "MySQL", "40");
        var large = new DurationKey(CloudService.Rds, "ResizeFlavor_Volume", "MySQL", "1000");
        history.Add(small, TimeSpan.FromMinutes(3));
        history.Add(small, TimeSpan.FromMinutes(3));
        history.Add(small, TimeSpan.FromMinutes(3));
        history.Add(large, TimeSpan.FromMinutes(30));
        history.Add(large, TimeSpan.FromMinutes(30));
        history.Add(large, TimeSpan.FromMinutes(30));
        history.Add(large, TimeSpan.FromMinutes(30));

        Assert.Equal(TimeSpan.FromMinutes(3), history.Typical(small)!.Median);
        Assert.Equal(TimeSpan.FromMinutes(30), history.Typical(large)!.Median);
        var unseenSize = new DurationKey(CloudService.Rds, "ResizeFlavor_Volume", "MySQL", "500");
        Assert.Equal(7, history.Typical(unseenSize)!.Runs);
    }

    [Fact]
    public void Add_IgnoresNonPositiveDurations()
    {
        var history = new DurationHistory(50, 3);
        history.Add(Restart, TimeSpan.Zero);
        history.Add(Restart, TimeSpan.FromMinutes(-3));
        Assert.Null(history.Typical(Restart));
    }

    [Fact]
    public void KeyReader_TakesDatastoreAndTargetVolumeFromEntities_AndSurvivesBrokenJson()
    {
        const string entities = """{"instance":{"datastore":{"type":"MySQL","version":"8.0"}},"volume":{"type":"ULTRAHIGH","original_size":"40","target_size":"100"}}""";
        var key = DurationKeyReader.From(CloudService.Rds, "ResizeFlavor_Volume", entities);
        Assert.Equal("mysql", key.DatastoreType);
        Assert.Equal("100", key.VolumeSize);
        var broken = DurationKeyReader.From(CloudService.Rds, "ResizeFlavor_Volume", "{\"volume\":");
        Assert.True(broken.IsGeneral);
    }
}
