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
    private readonly LinkedList<Waiter> _waiters = new();

    // Spread over the window: a burst of at most a twentieth of the budget, then one call per
    // window/limit. A bare sliding log repeats its first burst every window (60 calls at once,
    // then a silent minute), which leaves states a minute old although the rate is kept. The burst
    // also stalls the log once a minute when demand is saturated, so it is kept small.
    private readonly double _burst = Math.Max(1, limit / 20);
    private readonly double _perSecond = limit / window.TotalSeconds;
    private double _tokens = Math.Max(1, limit / 20);
    private DateTimeOffset _tokensAt = time.GetUtcNow();
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private ITimer? _timer;
    private long _granted;
    private long _throttled;
    private long _pauses;

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

    /// <summary>429 answers the cloud gave this account.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    /// <summary>Pauses the cloud imposed: 429s that came while the account was not already paused.</summary>
    public long Pauses => Interlocked.Read(ref _pauses);

    public bool IsPaused => PausedUntil > time.GetUtcNow();

    /// <summary>Calls sent in the last window (the sliding log's length).</summary>
    public int UsedInWindow()
    {
        lock (_lock)
        {
            Trim(time.GetUtcNow());
            return _sent.Count;
        }
    }

    public override TimeSpan? IdleDuration => null;

    /// <summary>The cloud said "not before": nothing of this account is sent until then.</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_lock)
        {
            _throttled++;
            if (_pausedUntil <= time.GetUtcNow())
            {
                _pauses++;
            }

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
            Refill(now);
            return now < _pausedUntil ? 0 : Math.Min(limit - _sent.Count, (int)Math.Floor(_tokens + 1e-9));
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
            if (_waiters.Count > 0 || WaitTimeLocked(now) > TimeSpan.Zero)
            {
                return Lease.Denied;
            }

            Take(now);
            return Lease.Granted;
        }
    }

    // Waiters are served first come, first served: with many rounds waiting for a tight budget, a
    // race for each freed call would let one project lose again and again while others are fresh.
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<RateLimitLease>(cancellationToken);
        }

        var waiter = new Waiter();
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_waiters.Count == 0 && WaitTimeLocked(now) <= TimeSpan.Zero)
            {
                Take(now);
                return new ValueTask<RateLimitLease>(Lease.Granted);
            }

            waiter.Node = _waiters.AddLast(waiter);
            ScheduleLocked(now);
        }

        // Registered outside the lock: a token cancelled meanwhile runs the callback at once.
        waiter.Registration = cancellationToken.Register(() => Cancel(waiter, cancellationToken));
        return new ValueTask<RateLimitLease>(waiter.Completion.Task);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_lock)
            {
                _timer?.Dispose();
                _timer = null;
            }
        }

        base.Dispose(disposing);
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (waiter.Node?.List is null)
            {
                return; // already granted
            }

            _waiters.Remove(waiter.Node);
        }

        waiter.Completion.TrySetCanceled(cancellationToken);
    }

    // Under the lock: wake the pump when the first waiter can be served.
    private void ScheduleLocked(DateTimeOffset now)
    {
        if (_waiters.Count == 0)
        {
            return;
        }

        var wait = WaitTimeLocked(now);
        if (wait <= TimeSpan.Zero)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static limiter => limiter.Pump(), this, preferLocal: false);
            return;
        }

        _timer ??= time.CreateTimer(static state => ((CallBudgetLimiter)state!).Pump(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    private void Pump()
    {
        var granted = new List<Waiter>();
        lock (_lock)
        {
            var now = time.GetUtcNow();
            while (_waiters.First is { } first && WaitTimeLocked(now) <= TimeSpan.Zero)
            {
                _waiters.RemoveFirst();
                Take(now);
                granted.Add(first.Value);
            }

            ScheduleLocked(now);
        }

        foreach (var waiter in granted)
        {
            waiter.Registration.Dispose();
            waiter.Completion.TrySetResult(Lease.Granted);
        }
    }

    private TimeSpan WaitTimeLocked(DateTimeOffset now)
    {
        Trim(now);
        Refill(now);
        var wait = _pausedUntil - now;
        if (_sent.Count >= limit)
        {
            var free = _sent.Peek() + window - now;
            wait = free > wait ? free : wait;
        }

        if (_tokens < 1 - 1e-9)
        {
            var refill = TimeSpan.FromTicks((long)Math.Ceiling((1 - _tokens) / _perSecond * TimeSpan.TicksPerSecond) + 1);
            wait = refill > wait ? refill : wait;
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

    private void Refill(DateTimeOffset now)
    {
        if (now > _tokensAt)
        {
            _tokens = Math.Min(_burst, _tokens + ((now - _tokensAt).TotalSeconds * _perSecond));
            _tokensAt = now;
        }
    }

    private void Take(DateTimeOffset now)
    {
        _tokens -= 1;
        _sent.Enqueue(now);
        Interlocked.Increment(ref _granted);
    }

    private sealed class Waiter
    {
        public TaskCompletionSource<RateLimitLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }
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
