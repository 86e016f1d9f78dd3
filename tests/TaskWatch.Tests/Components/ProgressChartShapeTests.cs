using TaskWatch.Components.Model;

namespace TaskWatch.Tests.Components;

public sealed class ProgressChartShapeTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Build_NoPoints_Empty()
    {
        Assert.True(ProgressChartShape.Build([], T0, 600, 100).IsEmpty);
    }

    [Fact]
    public void Build_Steps_HoldsEachValueUntilTheNextRead()
    {
        var shape = ProgressChartShape.Build([new(T0, 0), new(T0.AddSeconds(50), 50), new(T0.AddSeconds(100), 100)], T0.AddSeconds(100), 600, 100);
        // 0% at the start, held to 300 px, then 50% held to 600 px, then 100% to the end.
        Assert.Equal("0,100 300,100 300,50 600,50 600,0 600,0", shape.Points);
        Assert.Equal(T0, shape.StartUtc);
        Assert.Equal(T0.AddSeconds(100), shape.EndUtc);
    }

    [Fact]
    public void Build_RunningJob_LastValueExtendsToNow()
    {
        var shape = ProgressChartShape.Build([new(T0, 20)], T0.AddMinutes(1), 600, 100);
        Assert.Equal("0,80 600,80", shape.Points);
        Assert.Equal(T0.AddMinutes(1), shape.EndUtc);
    }

    [Fact]
    public void Build_OutOfRangeProgress_Clamped()
    {
        var shape = ProgressChartShape.Build([new(T0, 150), new(T0.AddSeconds(10), -5)], T0.AddSeconds(10), 100, 100);
        Assert.Equal("0,0 100,0 100,100 100,100", shape.Points);
    }
}
