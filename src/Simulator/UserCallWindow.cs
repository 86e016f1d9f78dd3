namespace TaskWatch.Simulator;

/// <summary>
/// The cloud's own count of one user's calls: every call accepted in the last 60 s, stamped at its
/// arrival, exact for every window (a log, not fixed buckets). Hand-written rather than the
/// framework's <c>SlidingWindowRateLimiter</c>: that one counts in segments (so it lets more through
/// at a segment's edge than the cloud would) and reads the real clock, while the simulator runs on
/// its <see cref="TimeProvider"/>, fake in tests.
/// </summary>
public sealed class UserCallWindow(int limit, TimeSpan window)
{
    private readonly Dictionary<string, Queue<DateTime>> _arrivals = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int Limit => limit;

    /// <summary>
    /// Counts a call of <paramref name="user"/> arriving at <paramref name="now"/>; null when it is
    /// within the limit, else the whole seconds until a place frees (the call is not counted).
    /// </summary>
    public int? TryCount(string user, DateTime now)
    {
        lock (_lock)
        {
            if (!_arrivals.TryGetValue(user, out var arrivals))
            {
                arrivals = new Queue<DateTime>();
                _arrivals[user] = arrivals;
            }

            while (arrivals.Count > 0 && arrivals.Peek() + window <= now)
            {
                arrivals.Dequeue();
            }

            if (arrivals.Count >= limit)
            {
                var free = arrivals.Peek() + window - now;
                return Math.Max(1, (int)Math.Ceiling(free.TotalSeconds));
            }

            arrivals.Enqueue(now);
            return null;
        }
    }
}
