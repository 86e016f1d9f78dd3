namespace TaskWatch.Components.Model;

/// <summary>
/// Whether what a page shows can still be called current: the poller reports at least once per
/// poll interval, so silence for twice that long means the numbers are old.
/// </summary>
public readonly record struct DataFreshness(TimeSpan Age, bool IsStale)
{
    public static DataFreshness Of(DateTime lastActivityUtc, DateTime nowUtc, TimeSpan pollInterval)
    {
        var age = lastActivityUtc == default ? TimeSpan.MaxValue : nowUtc - lastActivityUtc;
        var limit = pollInterval * 2;
        return new DataFreshness(age < TimeSpan.Zero ? TimeSpan.Zero : age, age > limit);
    }

    /// <summary>The poller's freshness as the pages show it: a floor of 5 s keeps a busy machine from flapping the banner.</summary>
    public static DataFreshness OfPoller(DateTime lastActivityUtc, DateTime nowUtc, TimeSpan runningInterval) =>
        Of(lastActivityUtc, nowUtc, runningInterval < PollerFloor ? PollerFloor : runningInterval);

    private static readonly TimeSpan PollerFloor = TimeSpan.FromSeconds(5);

    public string Describe() => Age == TimeSpan.MaxValue ? "no update yet" : $"last update {RelativeTime.Describe(Age)}";
}
