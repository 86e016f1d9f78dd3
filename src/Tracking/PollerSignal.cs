namespace TaskWatch.Tracking;

/// <summary>Wakes the poller early (a new registration should not wait for the next tick).</summary>
public sealed class PollerSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WaitTask => Volatile.Read(ref _next).Task;

    public void Wake() => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
