using TaskWatch.Core;

namespace TaskWatch.Live;

/// <summary>
/// Callers waiting for jobs to end. One subscription to the live store serves every waiter: a waiter
/// costs a dictionary entry and a timer, never a cloud call or a query; the poller's reads, stored and
/// then published, are what end the waits (within one batch interval of the store).
/// </summary>
public sealed class JobWaiters : IDisposable
{
    private readonly LiveJobStore _live;
    private readonly TimeProvider _time;
    private readonly Dictionary<JobKey, List<TaskCompletionSource<JobWaitResult>>> _waiting = new(JobKeyComparer.Instance);
    private readonly Lock _lock = new();
    private readonly IDisposable _subscription;

    public JobWaiters(LiveJobStore live, TimeProvider time)
    {
        _live = live;
        _time = time;
        _subscription = live.Subscribe(OnBatchAsync);
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Values.Sum(l => l.Count);
            }
        }
    }

    /// <summary>The outcome a view stands for, or null while the job has not ended.</summary>
    public static WaitOutcome? EndOf(JobView view) => view.Phase switch
    {
        PollPhase.Done => view.State == JobState.Failed ? WaitOutcome.Failed : WaitOutcome.Completed,
        PollPhase.NotFound => WaitOutcome.NotFound,
        _ => null,
    };

    /// <summary>
    /// Waits for a tracked job to end, be stopped, or for <paramref name="timeout"/>; answers at once for
    /// a job that has already ended. A job the store does not know yet (just registered, or loading at
    /// start-up) is waited for as well.
    /// </summary>
    public async Task<JobWaitResult> WaitAsync(JobKey key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<JobWaitResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (!_waiting.TryGetValue(key, out var list))
            {
                _waiting[key] = list = [];
            }

            list.Add(waiter);
        }

        // Checked after joining, so an end published in between is not missed.
        if (_live.Find(key) is { } now && EndOf(now) is { } ended)
        {
            waiter.TrySetResult(new JobWaitResult(ended, now));
        }

        try
        {
            return await waiter.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return new JobWaitResult(WaitOutcome.TimedOut, _live.Find(key));
        }
        finally
        {
            Leave(key, waiter);
        }
    }

    private void Leave(JobKey key, TaskCompletionSource<JobWaitResult> waiter)
    {
        lock (_lock)
        {
            if (_waiting.TryGetValue(key, out var list) && list.Remove(waiter) && list.Count == 0)
            {
                _waiting.Remove(key);
            }
        }
    }

    private Task OnBatchAsync(IReadOnlyList<JobView> changes)
    {
        List<(TaskCompletionSource<JobWaitResult> Waiter, JobWaitResult Result)>? done = null;
        lock (_lock)
        {
            if (_waiting.Count == 0)
            {
                return Task.CompletedTask;
            }

            foreach (var change in changes)
            {
                if (!_waiting.TryGetValue(change.Key, out var list))
                {
                    continue;
                }

                // The store's current view decides: a job it no longer knows was stopped (the batch then carries its last view).
                var current = _live.Find(change.Key);
                var result = current is null ? new JobWaitResult(WaitOutcome.Stopped, change)
                    : EndOf(current) is { } ended ? new JobWaitResult(ended, current)
                    : null;
                if (result is not null)
                {
                    done ??= [];
                    done.AddRange(list.Select(w => (w, result)));
                }
            }
        }

        foreach (var (waiter, result) in done ?? [])
        {
            waiter.TrySetResult(result);
        }

        return Task.CompletedTask;
    }

    public void Dispose() => _subscription.Dispose();
}
