namespace TaskWatch.Insight;

/// <summary><c>TaskWatch:Insight</c>: how typical durations, ETAs and overdue marks are worked out.</summary>
public sealed class InsightOptions
{
    public const string SectionName = "TaskWatch:Insight";

    /// <summary>How many of the latest completed runs per kind of job the typical duration is taken from.</summary>
    public int HistorySize { get; set; } = 50;

    /// <summary>Below this many completed runs TaskWatch says "too little history" instead of guessing.</summary>
    public int MinimumRuns { get; set; } = 3;

    /// <summary>A running job past its 90th percentile times this factor is overdue.</summary>
    public double OverdueFactor { get; set; } = 1.5;

    /// <summary>A running job whose progress has not moved for this long is overdue.</summary>
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromMinutes(15);
}
