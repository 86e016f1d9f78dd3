using TaskWatch.Components.Model;

namespace TaskWatch.Tests.Components;

public sealed class ProgressStepsTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Build_NoPoints_Empty()
    {
        Assert.Empty(ProgressSteps.Build([], T0, t => t));
    }

    [Fact]
    public void Build_Steps_HoldsEachValueUntilTheNextRead()
    {
        var steps = ProgressSteps.Build([new(T0, 0), new(T0.AddSeconds(50), 50), new(T0.AddSeconds(100), 100)], T0.AddSeconds(100), t => t);
        Assert.Equal([(T0, 0d), (T0.AddSeconds(50), 0d), (T0.AddSeconds(50), 50d), (T0.AddSeconds(100), 50d), (T0.AddSeconds(100), 100d)], steps);
    }

    [Fact]
    public void Build_RunningJob_LastValueExtendsToNow()
    {
        var steps = ProgressSteps.Build([new(T0, 20)], T0.AddMinutes(1), t => t);
        Assert.Equal([(T0, 20d), (T0.AddMinutes(1), 20d)], steps);
    }

    [Fact]
    public void Build_OutOfRangeProgress_Clamped()
    {
        var steps = ProgressSteps.Build([new(T0, 150), new(T0.AddSeconds(10), -5)], T0.AddSeconds(10), t => t);
        Assert.Equal([100d, 100d, 0d], steps.Select(s => s.Percent));
    }

    [Fact]
    public void Build_ViewerZone_TimesShownInIt()
    {
        var steps = ProgressSteps.Build([new(T0, 20)], T0, t => t.AddHours(8));
        Assert.Equal(T0.AddHours(8), steps[0].Time);
    }
}
