using System.Collections.Concurrent;
using TaskWatch.Core;

namespace TaskWatch.Live;

/// <summary>
/// The current state of every tracked job, and the subscriptions that hear of each change (and of each
/// job no longer tracked). Publishing never waits on a subscriber: each one keeps only the latest view
/// per job until it takes its batch.
/// </summary>
public sealed class LiveJobStore(TimeProvider time)
{
    private readonly ConcurrentDictionary<JobKey, JobView> _jobs = new(JobKeyComparer.Instance);
    private readonly List<LiveSubscription> _subscribers = [];
    // Kept in step with _jobs under _tallyLock: every open dashboard reads the counters after each of
    // its batches, and a fresh count over all jobs per dashboard per batch was the cost to avoid.
    private readonly JobTally _tally = new();
    private readonly Lock _tallyLock = new();
    private readonly Lock _subscribersLock = new();
    private long _lastPublishTicks;

    public static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(100);

    public int Count => _jobs.Count;

    /// <summary>When the poller last reported (a read or a heartbeat), for "last update N s ago".</summary>
    public DateTime LastPollerActivityUtc => new(Interlocked.Read(ref _lastPublishTicks), DateTimeKind.Utc);

    public IEnumerable<JobView> Snapshot() => _jobs.Values;

    public JobView? Find(JobKey key) => _jobs.GetValueOrDefault(key);

    public void MarkPollerAlive() => Interlocked.Exchange(ref _lastPublishTicks, time.GetUtcNow().UtcTicks);

    public void Publish(IReadOnlyList<JobView> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        lock (_tallyLock)
        {
            foreach (var view in changes)
            {
                if (_jobs.TryGetValue(view.Key, out var before))
                {
                    _tally.Add(before, -1);
                }

                _jobs[view.Key] = view;
                _tally.Add(view, 1);
            }
        }

        MarkPollerAlive();
        Offer(changes);
    }

    private void Offer(IReadOnlyList<JobView> changes)
    {
        LiveSubscription[] subscribers;
        lock (_subscribersLock)
        {
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            subscriber.Offer(changes);
        }
    }

    /// <summary>
    /// Forgets a job. Subscribers hear of it like of a change: their batch carries the job's last view,
    /// and <see cref="Find"/> no longer knows the job.
    /// </summary>
    public void Remove(JobKey key)
    {
        JobView? last;
        lock (_tallyLock)
        {
            if (!_jobs.TryRemove(key, out last))
            {
                return;
            }

            _tally.Add(last, -1);
        }

        Offer([last]);
    }

    /// <summary>The headline numbers over every tracked job, as <see cref="JobCounters.From"/> would count <see cref="Snapshot"/>.</summary>
    public JobCounters Counters(DateTime nowUtc)
    {
        lock (_tallyLock)
        {
            return _tally.Counters(nowUtc);
        }
    }

    /// <summary>Calls <paramref name="onBatch"/> with batched changes, at most once per <see cref="BatchInterval"/>.</summary>
    public IDisposable Subscribe(Func<IReadOnlyList<JobView>, Task> onBatch)
    {
        var subscription = new LiveSubscription(onBatch, time, Unsubscribe);
        lock (_subscribersLock)
        {
            _subscribers.Add(subscription);
        }

        return subscription;
    }

    public int SubscriberCount
    {
        get
        {
            lock (_subscribersLock)
            {
                return _subscribers.Count;
            }
        }
    }

    private void Unsubscribe(LiveSubscription subscription)
    {
        lock (_subscribersLock)
        {
            _subscribers.Remove(subscription);
        }
    }
}
