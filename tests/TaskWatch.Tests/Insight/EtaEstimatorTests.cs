using TaskWatch.Core;
using TaskWatch.Insight;

namespace TaskWatch.Tests.Insight;

public sealed class EtaEstimatorTests
{
    private static readonly DateTime Start = new(2026, 11, 23, 14, 0, 0, DateTimeKind.Utc);
    private static readonly TypicalDuration TenMinutes = new(Runs: 12, Median: TimeSpan.FromMinutes(10), P90: TimeSpan.FromMinutes(12));
    private readonly EtaEstimator _estimator = new(minimumRuns: 3, stallAfter: TimeSpan.FromMinutes(15));

    [Fact]
    public void MovingProgress_ExtrapolatesElapsedTime()
    {
        var now = Start.AddMinutes(4);
        var eta = _estimator.Estimate(Start, progress: 40, progressMovedUtc: now.AddSeconds(-20), TenMinutes, now);
        Assert.Equal(EtaBasis.Progress, eta.Basis);
        Assert.Equal(Start.AddMinutes(10), eta.EtaUtc);
        Assert.Equal(TimeSpan.FromMinutes(10), eta.Median);
        Assert.Equal(TimeSpan.FromMinutes(12), eta.P90);
    }

    [Fact]
    public void ProgressThatJumps_MovesTheEtaWithIt()
    {
        var now = Start.AddMinutes(2);
        var early = _estimator.Estimate(Start, 10, now, TenMinutes, now);
        var jumped = _estimator.Estimate(Start, 90, now, TenMinutes, now);
        Assert.Equal(Start.AddMinutes(20), early.EtaUtc);
        Assert.True(jumped.EtaUtc < Start.AddMinutes(2.5));
        Assert.True(jumped.EtaUtc >= now);
    }

    [Fact]
    public void StalledProgress_FallsBackToTheTypicalDuration()
    {
        var now = Start.AddMinutes(20);
        var eta = _estimator.Estimate(Start, 40, progressMovedUtc: Start.AddMinutes(4), TenMinutes, now);
        Assert.Equal(EtaBasis.Typical, eta.Basis);
        Assert.Null(eta.EtaUtc); // past the 90th percentile: no honest time, the range still says what is usual
        Assert.True(eta.HasTypical);
    }

    [Fact]
    public void NoProgress_UsesTheMedian_ThenThe90thPercentile()
    {
        Assert.Equal(Start.AddMinutes(10), _estimator.Estimate(Start, null, null, TenMinutes, Start.AddMinutes(3)).EtaUtc);
        Assert.Equal(Start.AddMinutes(12), _estimator.Estimate(Start, null, null, TenMinutes, Start.AddMinutes(11)).EtaUtc);
    }

    [Fact]
    public void TinyProgress_IsNotExtrapolated()
    {
        var now = Start.AddMinutes(1);
        var eta = _estimator.Estimate(Start, 1, now, TenMinutes, now);
        Assert.Equal(EtaBasis.Typical, eta.Basis);
        Assert.Equal(Start.AddMinutes(10), eta.EtaUtc);
    }

    [Fact]
    public void TooFewRuns_SaysSoInsteadOfGuessing()
    {
        var two = new TypicalDuration(2, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(12));
        var eta = _estimator.Estimate(Start, null, null, two, Start.AddMinutes(1));
        Assert.Equal(EtaBasis.TooLittleHistory, eta.Basis);
        Assert.Null(eta.EtaUtc);
        Assert.False(eta.HasTypical);
        Assert.Equal(2, eta.Runs);
        Assert.Equal(EtaBasis.TooLittleHistory, _estimator.Estimate(Start, null, null, null, Start.AddMinutes(1)).Basis);
    }

    [Fact]
    public void TooFewRuns_ButMovingProgress_StillGivesATimeWithoutARange()
    {
        var now = Start.AddMinutes(5);
        var eta = _estimator.Estimate(Start, 50, now, null, now);
        Assert.Equal(EtaBasis.Progress, eta.Basis);
        Assert.Equal(Start.AddMinutes(10), eta.EtaUtc);
        Assert.False(eta.HasTypical);
    }
}
