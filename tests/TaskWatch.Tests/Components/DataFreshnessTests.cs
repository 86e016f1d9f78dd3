using TaskWatch.Components.Model;

namespace TaskWatch.Tests.Components;

public sealed class DataFreshnessTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Of_WithinTwiceTheInterval_Fresh()
    {
        var f = DataFreshness.Of(Now.AddSeconds(-9), Now, TimeSpan.FromSeconds(5));
        Assert.False(f.IsStale);
        Assert.Equal("last update 9 s ago", f.Describe());
    }

    [Fact]
    public void Of_OlderThanTwiceTheInterval_Stale()
    {
        Assert.True(DataFreshness.Of(Now.AddSeconds(-11), Now, TimeSpan.FromSeconds(5)).IsStale);
    }

    [Fact]
    public void Of_NeverReported_StaleAndSaysSo()
    {
        var f = DataFreshness.Of(default, Now, TimeSpan.FromSeconds(5));
        Assert.True(f.IsStale);
        Assert.Equal("no update yet", f.Describe());
    }
}
