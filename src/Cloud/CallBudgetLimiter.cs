using System.Threading.RateLimiting;

namespace TaskWatch.Cloud;

/// <summary>
/// An account's call budget as a <see cref="RateLimiter"/>: at most <c>limit</c> calls in any
/// window of <c>window</c> (a sliding log, exact for every window, not only aligned ones), plus a
/// pause the cloud can impose with 429 + Retry-After. Built on <see cref="TimeProvider"/> so tests
/// run it on a fake clock; the framework's limiters read the real clock.
/// </summary>
public sealed class CallBudgetLimiter(int limit, TimeSpan window, TimeProvider time) : RateLimiter
{
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly Lock _lock = new();
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private long _granted;

    public int Limit => limit;

    public TimeSpan Window => window;

    public DateTimeOffset PausedUntil
    {
        get
        {
            lock (_lock)
            {
                return _pausedUntil;
            }
        }
    }

    public long Granted => Interlocked.Read(ref _granted);

    public override TimeSpan? IdleDuration => null;

    /// <summary>The cloud said "not before": nothing of this account is sent until then.</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_lock)
        {
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    /// <summary>How long a caller would wait now for one call.</summary>
    public TimeSpan WaitTime()
    {
        lock (_lock)
        {
            return WaitTimeLocked(time.GetUtcNow());
        }
    }

    /// <summary>Calls still free in the current window, for planning.</summary>
    public int Available()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            Trim(now);
            return now < _pausedUntil ? 0 : limit - _sent.Count;
        }
    }

    public override RateLimiterStatistics? GetStatistics() => new()
    {
        CurrentAvailablePermits = Available(),
        TotalSuccessfulLeases = Granted,
    };

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (WaitTimeLocked(now) > TimeSpan.Zero)
            {
                return Lease.Denied;
            }

            Take(now);
            return Lease.Granted;
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetUtcNow();
                wait = WaitTimeLocked(now);
                if (wait <= TimeSpan.Zero)
                {
                    Take(now);
                    return Lease.Granted;
                }
            }

            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan WaitTimeLocked(DateTimeOffset now)
    {
        Trim(now);
        var wait = _pausedUntil - now;
        if (_sent.Count >= limit)
        {
            var free = _sent.Peek() + window - now;
            wait = free > wait ? free : wait;
        }

        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    private void Trim(DateTimeOffset now)
    {
        while (_sent.Count > 0 && _sent.Peek() + window <= now)
        {
            _sent.Dequeue();
        }
    }

    private void Take(DateTimeOffset now)
    {
        _sent.Enqueue(now);
        Interlocked.Increment(ref _granted);
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static readonly Lease Granted = new(true);
        public static readonly Lease Denied = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
