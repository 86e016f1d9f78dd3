namespace TaskWatch.Cloud;

/// <summary>
/// A call's place at the account's budget (<see cref="CallPriority"/>) that can move forward while
/// the call waits: a project's round asks for a list page with the staleness of the jobs it reads, and
/// jobs of the project that come due meanwhile wait for that round's pages, so its place must become
/// theirs. Without it a round that asked with a young key (a new job's first page) holds the project's
/// oldest views back for as long as other projects' older calls keep the budget busy.
/// </summary>
public sealed class CallKey(DateTime staleSinceUtc)
{
    private readonly Lock _lock = new();
    private CallBudgetLimiter? _limiter;
    private object? _waiter;

    public DateTime StaleSinceUtc
    {
        get
        {
            lock (_lock)
            {
                return staleSinceUtc;
            }
        }
    }

    /// <summary>A new call of the same holder (the round's next page): its own place, from <paramref name="staleSince"/>.</summary>
    public void Renew(DateTime staleSince)
    {
        lock (_lock)
        {
            staleSinceUtc = staleSince;
            _limiter = null;
            _waiter = null;
        }
    }

    /// <summary>Views older than the key's now wait for this call: it moves up to their place (never back).</summary>
    public void Hasten(DateTime staleSince)
    {
        CallBudgetLimiter? limiter;
        object? waiter;
        lock (_lock)
        {
            if (staleSince >= staleSinceUtc)
            {
                return;
            }

            staleSinceUtc = staleSince;
            (limiter, waiter) = (_limiter, _waiter);
        }

        // Outside the key's lock: the limiter takes its own, and calls Attach under it.
        if (limiter is not null && waiter is not null)
        {
            limiter.Requeue(waiter, staleSince);
        }
    }

    /// <summary>The call now waits at <paramref name="limiter"/> (under the limiter's lock).</summary>
    internal void Attach(CallBudgetLimiter limiter, object waiter)
    {
        lock (_lock)
        {
            (_limiter, _waiter) = (limiter, waiter);
        }
    }
}
