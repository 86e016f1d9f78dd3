namespace TaskWatch.Insight;

/// <summary>
/// The last N durations of one kind of job. Adding is O(1); the percentiles are computed from a
/// sorted copy only when asked and cached until the next add, so a poll costs no history scan.
/// </summary>
public sealed class DurationRing(int capacity)
{
    private readonly long[] _ticks = new long[capacity];
    private readonly Lock _sync = new();
    private int _next;
    private int _count;
    private TypicalDuration? _cached;

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _count;
            }
        }
    }

    public void Add(TimeSpan duration)
    {
        lock (_sync)
        {
            _ticks[_next] = duration.Ticks;
            _next = (_next + 1) % _ticks.Length;
            _count = Math.Min(_count + 1, _ticks.Length);
            _cached = null;
        }
    }

    public TypicalDuration? Typical()
    {
        lock (_sync)
        {
            if (_count == 0)
            {
                return null;
            }

            if (_cached is null)
            {
                var sorted = _ticks[.._count];
                Array.Sort(sorted);
                _cached = new TypicalDuration(_count, Percentile(sorted, 0.5), Percentile(sorted, 0.9));
            }

            return _cached;
        }
    }

    /// <summary>Linear interpolation between closest ranks (as spreadsheets' PERCENTILE.INC).</summary>
    public static TimeSpan Percentile(long[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        var value = sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
        return TimeSpan.FromTicks((long)Math.Round(value));
    }
}
