using System.Threading.RateLimiting;

namespace TaskWatch.Cloud;

/// <summary>
/// An account's call budget as a <see cref="RateLimiter"/>: at most <c>limit</c> calls in any
/// window of <c>window</c>, plus a pause the cloud can impose with 429 + Retry-After. A call holds its
/// place from when it is granted until its answer arrived and then for a whole window from that
/// moment (the latest the cloud can have counted it), so latency never lets the cloud see one call
/// more than the limit. Waiting calls are served by <see cref="CallPriority"/> (oldest views first),
/// not first come first served. Hand-written over <see cref="TimeProvider"/> because the framework's
/// limiters read the real clock, count from the grant rather than the answer, and queue only by
/// arrival; tests run this one on a fake clock.
/// </summary>
public sealed class CallBudgetLimiter(int limit, TimeSpan window, TimeProvider time) : RateLimiter
{
    /// <summary>Answer times of the calls of the last window, oldest first.</summary>
    private readonly Queue<DateTimeOffset> _answered = new();
    private readonly Lock _lock = new();
    private readonly PriorityQueue<Waiter, (DateTime StaleSince, long Order)> _waiters = new();
    private long _order;
    private int _waiting;
    private int _inFlight;

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

    /// <summary>Calls waiting for a place now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Calls holding a place in the window: those still out and those answered in the last window.</summary>
    public int UsedInWindow()
    {
        lock (_lock)
        {
            Trim(time.GetUtcNow());
            return _inFlight + _answered.Count;
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

    /// <summary>Calls that could be granted at once, for planning.</summary>
    public int Available()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            Trim(now);
            Refill(now);
            return now < _pausedUntil ? 0 : Math.Max(0, Math.Min(limit - _inFlight - _answered.Count, (int)Math.Floor(_tokens + 1e-9)) - _waiting);
        }
    }

    public override RateLimiterStatistics? GetStatistics() => new()
    {
        CurrentAvailablePermits = Available(),
        CurrentQueuedCount = Waiting,
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

            return Take(now);
        }
    }

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
                return new ValueTask<RateLimitLease>(Take(now));
            }

            // A call without a key queues as if its view went stale when it asked.
            _waiters.Enqueue(waiter, (CallPriority.StaleSinceUtc ?? now.UtcDateTime, _order++));
            _waiting++;
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

    /// <summary>A granted call's answer arrived (or it failed): its place counts from now for one window.</summary>
    private void Answered()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            _inFlight--;
            _answered.Enqueue(now);
            ScheduleLocked(now);
        }
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (waiter.Done)
            {
                return; // already granted
            }

            // Left in the queue and skipped when it comes up: a priority queue cannot remove from the middle.
            waiter.Done = true;
            _waiting--;
        }

        waiter.Completion.TrySetCanceled(cancellationToken);
    }

    // Under the lock: wake the pump when the first waiter can be served.
    private void ScheduleLocked(DateTimeOffset now)
    {
        DropCancelledLocked();
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

        if (wait == Timeout.InfiniteTimeSpan)
        {
            return; // every place is held by a call still out: its answer wakes the pump
        }

        _timer ??= time.CreateTimer(static state => ((CallBudgetLimiter)state!).Pump(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    private void DropCancelledLocked()
    {
        while (_waiters.TryPeek(out var first, out _) && first.Done)
        {
            _waiters.Dequeue();
        }
    }

    private void Pump()
    {
        var granted = new List<(Waiter Waiter, RateLimitLease Lease)>();
        lock (_lock)
        {
            var now = time.GetUtcNow();
            DropCancelledLocked();
            while (_waiters.TryPeek(out var first, out _) && WaitTimeLocked(now) <= TimeSpan.Zero)
            {
                _waiters.Dequeue();
                first.Done = true;
                _waiting--;
                granted.Add((first, Take(now)));
                DropCancelledLocked();
            }

            ScheduleLocked(now);
        }

        foreach (var (waiter, lease) in granted)
        {
            waiter.Registration.Dispose();
            if (!waiter.Completion.TrySetResult(lease))
            {
                lease.Dispose();
            }
        }
    }

    /// <summary>Zero when a call may go now; <see cref="Timeout.InfiniteTimeSpan"/> when only an answer can free a place.</summary>
    private TimeSpan WaitTimeLocked(DateTimeOffset now)
    {
        Trim(now);
        Refill(now);
        var wait = _pausedUntil - now;
        if (_inFlight + _answered.Count >= limit)
        {
            if (_answered.Count == 0)
            {
                return Timeout.InfiniteTimeSpan;
            }

            var free = _answered.Peek() + window - now;
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
        while (_answered.Count > 0 && _answered.Peek() + window <= now)
        {
            _answered.Dequeue();
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

    private Lease Take(DateTimeOffset now)
    {
        _tokens -= 1;
        _inFlight++;
        Interlocked.Increment(ref _granted);
        return new Lease(this);
    }

    private sealed class Waiter
    {
        public TaskCompletionSource<RateLimitLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Granted or cancelled (under the limiter's lock).</summary>
        public bool Done { get; set; }

        public CancellationTokenRegistration Registration { get; set; }
    }

    /// <summary>A granted call's place; disposing it (when the answer is in) starts its window.</summary>
    private sealed class Lease(CallBudgetLimiter? limiter) : RateLimitLease
    {
        public static readonly Lease Denied = new(null);

        private int _disposed;

        public override bool IsAcquired => limiter is not null;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (limiter is not null && Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                limiter.Answered();
            }

            base.Dispose(disposing);
        }
    }
}
