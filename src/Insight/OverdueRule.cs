namespace TaskWatch.Insight;

/// <summary>
/// A running job is overdue when it runs past its kind's 90th percentile by the configured factor,
/// or when its progress has not moved for the configured time. Returns why, or null.
/// </summary>
public sealed class OverdueRule(int minimumRuns, double factor, TimeSpan stallAfter)
{
    public string? Check(DateTime? createdUtc, int? progress, DateTime? progressMovedUtc, TypicalDuration? typical, DateTime now)
    {
        if (createdUtc is { } created && typical is { } t && t.Runs >= minimumRuns)
        {
            var elapsed = now - created;
            if (elapsed > t.P90 * factor)
            {
                return $"running {DurationText.Of(elapsed)}; 9 in 10 runs of this kind take at most {DurationText.Of(t.P90)}";
            }
        }

        // Only a job that reports progress can stall; one without progress is judged by its duration.
        if (progress is < 100 && progressMovedUtc is { } moved && now - moved >= stallAfter)
        {
            return $"progress stuck at {progress} % for {DurationText.Of(now - moved)}";
        }

        return null;
    }
}
