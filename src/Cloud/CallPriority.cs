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

    /// <summary>The running call's key; null outside <see cref="RunAsync"/> (then the call queues by arrival).</summary>
    public static DateTime? StaleSinceUtc => Current.Value;

    public static async Task<T> RunAsync<T>(DateTime staleSinceUtc, Func<Task<T>> call)
    {
        // Set inside this async method: the caller's context never sees the value.
        Current.Value = staleSinceUtc;
        return await call().ConfigureAwait(false);
    }
}
