using TaskWatch.Core;

namespace TaskWatch.Insight;

/// <summary>
/// When a running job should end. Its own moving progress is the best witness (elapsed time
/// extrapolated); without it, the typical duration of its kind; with too little of either, no guess.
/// </summary>
public sealed class EtaEstimator(int minimumRuns, TimeSpan stallAfter)
{
    /// <summary>Below this the extrapolation swings wildly (1 % after a minute says 100 minutes).</summary>
    public const int MinimumProgress = 5;

    public JobEta Estimate(DateTime? createdUtc, int? progress, DateTime? progressMovedUtc, TypicalDuration? typical, DateTime now)
    {
        var enough = typical is not null && typical.Runs >= minimumRuns;
        var runs = typical?.Runs ?? 0;
        var median = enough ? typical!.Median : (TimeSpan?)null;
        var p90 = enough ? typical!.P90 : (TimeSpan?)null;
        if (createdUtc is not { } created)
        {
            return new JobEta(null, enough ? EtaBasis.Typical : EtaBasis.TooLittleHistory, runs, median, p90);
        }

        var elapsed = now - created;
        if (ProgressMoves(progress, progressMovedUtc, now) && elapsed > TimeSpan.Zero)
        {
            var total = elapsed * (100.0 / progress!.Value);
            return new JobEta(Max(created + total, now), EtaBasis.Progress, runs, median, p90);
        }

        if (!enough)
        {
            return new JobEta(null, EtaBasis.TooLittleHistory, runs, null, null);
        }

        // Not yet at the median: the median; between median and p90: the p90; past it, no honest time.
        DateTime? eta = elapsed < median ? created + median!.Value : elapsed < p90 ? created + p90!.Value : null;
        return new JobEta(eta, EtaBasis.Typical, runs, median, p90);
    }

    public bool ProgressMoves(int? progress, DateTime? progressMovedUtc, DateTime now) =>
        progress is >= MinimumProgress and < 100 && progressMovedUtc is { } moved && now - moved < stallAfter;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
