using System.Collections.Concurrent;

namespace TaskWatch.Insight;

/// <summary>
/// Typical durations per kind of job, learned one completed run at a time. Each run counts for its
/// exact kind and for the general kind (service and name), which answers when the exact one is thin.
/// </summary>
public sealed class DurationHistory(int historySize, int minimumRuns)
{
    private readonly ConcurrentDictionary<DurationKey, DurationRing> _rings = new();

    public int MinimumRuns => minimumRuns;

    public int Kinds => _rings.Count;

    public void Add(DurationKey key, TimeSpan duration)
    {
        // A negative or zero span is a clock or parse slip, not a run.
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        Ring(key).Add(duration);
        if (!key.IsGeneral)
        {
            Ring(key.General).Add(duration);
        }
    }

    /// <summary>
    /// The typical duration of the exact kind when it has enough runs, else of the general kind;
    /// else whatever little there is (its <see cref="TypicalDuration.Runs"/> says it is too little), or null.
    /// </summary>
    public TypicalDuration? Typical(DurationKey key)
    {
        var exact = _rings.GetValueOrDefault(key)?.Typical();
        if (exact is not null && exact.Runs >= minimumRuns)
        {
            return exact;
        }

        var general = key.IsGeneral ? null : _rings.GetValueOrDefault(key.General)?.Typical();
        return general is not null && general.Runs > (exact?.Runs ?? 0) ? general : exact;
    }

    private DurationRing Ring(DurationKey key) => _rings.GetOrAdd(key, _ => new DurationRing(historySize));
}
