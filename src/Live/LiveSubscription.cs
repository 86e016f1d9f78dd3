using TaskWatch.Core;

namespace TaskWatch.Live;

/// <summary>
/// One subscriber's pending changes (latest view per job) and the loop that hands them over in
/// batches. A slow subscriber only delays itself; its pending set never grows beyond one view per job.
/// </summary>
public sealed class LiveSubscription : IDisposable
{
    private readonly Func<IReadOnlyList<JobView>, Task> _onBatch;
    private readonly TimeProvider _time;
    private readonly Action<LiveSubscription> _unsubscribe;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly Lock _lock = new();
    private Dictionary<JobKey, JobView> _pending = new(JobKeyComparer.Instance);
    private readonly Task _loop;

    internal LiveSubscription(Func<IReadOnlyList<JobView>, Task> onBatch, TimeProvider time, Action<LiveSubscription> unsubscribe)
    {
        _onBatch = onBatch;
        _time = time;
        _unsubscribe = unsubscribe;
        _loop = Task.Run(RunAsync);
    }

    internal void Offer(IReadOnlyList<JobView> changes)
    {
        lock (_lock)
        {
            foreach (var view in changes)
            {
                _pending[view.Key] = view;
            }
        }

        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // already signalled
            }
        }
    }

    private int _disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _unsubscribe(this);
        _stop.Cancel();
    }

    private async Task RunAsync()
    {
        try
        {
            var lastBatch = long.MinValue;
            while (!_stop.IsCancellationRequested)
            {
                await _signal.WaitAsync(_stop.Token).ConfigureAwait(false);
                // One batch per interval at the most, but a change after a quiet interval goes at once:
                // waiting a whole interval before every batch would add it to every change's way to the screen.
                var wait = lastBatch == long.MinValue ? TimeSpan.Zero : LiveJobStore.BatchInterval - _time.GetElapsedTime(lastBatch);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, _stop.Token).ConfigureAwait(false);
                }

                lastBatch = _time.GetTimestamp();
                Dictionary<JobKey, JobView> batch;
                lock (_lock)
                {
                    batch = _pending;
                    _pending = new(JobKeyComparer.Instance);
                }

                if (batch.Count > 0)
                {
                    try
                    {
                        await _onBatch([.. batch.Values]).ConfigureAwait(false);
                    }
                    catch (Exception) when (!_stop.IsCancellationRequested)
                    {
                        // A subscriber's failure is its own (its circuit reports it); the feed goes on.
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // disposed
        }
    }
}
