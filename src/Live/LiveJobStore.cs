using System.Collections.Concurrent;

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

        foreach (var view in changes)
        {
            _jobs[view.Key] = view;
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
        if (_jobs.TryRemove(key, out var last))
        {
            Offer([last]);
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
