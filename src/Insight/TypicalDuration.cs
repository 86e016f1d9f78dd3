namespace TaskWatch.Insight;

/// <summary>What is usual for a kind of job: how many runs it is taken from, the median and the 90th percentile.</summary>
public sealed record TypicalDuration(int Runs, TimeSpan Median, TimeSpan P90);
