namespace TaskWatch.Cloud;

/// <summary>
/// How much a call is worth to the account's budget: the time since which the views it refreshes
/// are unrefreshed (older first). The poller sets it around a call; <see cref="CallBudgetLimiter"/>
/// reads it when the call, deep in the HTTP pipeline, asks for its place. An ambient value because
/// the budget sits in a <see cref="DelegatingHandler"/> behind Refit and the resilience pipeline,
/// which carry no per-call argument of TaskWatch's; it flows with the call (retries included) and
/// is gone when the call returns.
/// </summary>
public static class CallPriority
{
    private static readonly AsyncLocal<DateTime?> Current = new();

    /// <summary>
    /// The key of a call that may use only budget no one waits for (detail that adds nothing true): it is
    /// sent if a place is free at once and nobody queues, and otherwise not sent at all
    /// (<see cref="NoSpareBudgetException"/>). Queued last instead, it would wait behind every older
    /// view while the account is behind, and hold its round (and so its project's next one) meanwhile.
    /// </summary>
    public static readonly DateTime Spare = DateTime.MaxValue;

    /// <summary>The running call's key; null outside a call that set one (then the call queues by arrival).</summary>
    public static DateTime? StaleSinceUtc => Current.Value;

    /// <summary>Whether the running call may use only spare budget (<see cref="Spare"/>).</summary>
    public static bool IsSpare => Current.Value == Spare;

    /// <summary>
    /// Sets the key for the calls the current async method makes. An async method restores its
    /// caller's context when it returns, so the value never leaks into the caller: call this only
    /// from inside an async method (a wrapper would cost a state machine and a closure per call).
    /// </summary>
    public static void Enter(DateTime staleSinceUtc) => Current.Value = staleSinceUtc;
}
