using TaskWatch.Live;
using TaskWatch.Storage;

namespace TaskWatch.Api;

/// <summary>
/// The changes behind <c>GET /api/events</c>: the stored snapshots, numbered by their ids. One live-store
/// subscription and one query per batch serve every stream; a ring of the latest changes (each serialized
/// once, <see cref="JobEvent"/>) lets each stream read at its own pace from where it is (a binary search,
/// not a scan of the ring per stream and batch), and one that falls behind the ring (or resumes from an old Last-Event-ID) reads
/// the gap from the database. Ids only grow (AUTOINCREMENT, one writer), so nothing is sent twice or skipped.
/// </summary>
public sealed class JobEventFeed : IDisposable
{
    /// <summary>
    /// About 10 s of changes at the bench's 200 a second. Each entry is about 0.7 KB (its serialized data):
    /// a ring of 10,000 held 9 MB with 100 streams open. A stream further behind reads from the database.
    /// </summary>
    public const int RingSize = 2_000;

    private const int Page = 1_000;

    private readonly JobQueries _queries;
    private readonly IDisposable _subscription;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _lock = new();
    private readonly List<JobEvent> _ring = new(RingSize + Page);
    private TaskCompletionSource _appended = NewSignal();
    private long _head;
    private long _floor;
    private int _readers;
    private bool _current;

    public JobEventFeed(LiveJobStore live, JobQueries queries)
    {
        _queries = queries;
        _subscription = live.Subscribe(_ => CatchUpAsync(CancellationToken.None));
    }

    public int Readers => Volatile.Read(ref _readers);

    /// <summary>Every change after <paramref name="afterId"/> (or, when null, from now on) that the filter lets through, until cancelled.</summary>
    public async IAsyncEnumerable<JobEvent> ReadAsync(long? afterId, ChangeFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _readers);
        try
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            long cursor;
            lock (_lock)
            {
                cursor = Math.Min(afterId ?? _head, _head);
            }

            while (!cancellationToken.IsCancellationRequested)
            {
                Task appended;
                JobEvent[] fromRing;
                long head, floor;
                lock (_lock)
                {
                    appended = _appended.Task;
                    head = _head;
                    floor = _floor;
                    fromRing = cursor >= floor ? After(cursor) : [];
                }

                if (cursor < floor)
                {
                    // Behind the ring: the gap, from the database, page by page.
                    var page = await _queries.ChangesAsync(cursor, floor, filter, Page, cancellationToken).ConfigureAwait(false);
                    foreach (var change in page)
                    {
                        yield return JobEvent.Of(change);
                    }

                    cursor = page.Count == Page ? page[^1].Id : floor;
                    continue;
                }

                foreach (var e in fromRing)
                {
                    if (e.PassesThrough(filter))
                    {
                        yield return e;
                    }
                }

                cursor = fromRing.Length > 0 ? fromRing[^1].Id : Math.Max(cursor, head);
                await appended.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _readers);
        }
    }

    /// <summary>Appends what was stored since the last look. With no stream open it only notes that the ring is out of date.</summary>
    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Readers == 0)
            {
                // Nobody listens: the ring is let go, and started afresh by the next stream.
                _current = false;
                lock (_lock)
                {
                    _ring.Clear();
                }

                return;
            }

            if (!_current)
            {
                // Nobody read while nobody listened: start the ring at what is stored now; older ids come from the database.
                var last = await _queries.LastChangeIdAsync(cancellationToken).ConfigureAwait(false);
                lock (_lock)
                {
                    _ring.Clear();
                    _head = _floor = last;
                }

                _current = true;
                return;
            }

            while (true)
            {
                var after = Volatile.Read(ref _head);
                var changes = await _queries.ChangesAsync(after, long.MaxValue, ChangeFilter.Any, Page, cancellationToken).ConfigureAwait(false);
                if (changes.Count == 0)
                {
                    return;
                }

                TaskCompletionSource signal;
                lock (_lock)
                {
                    _ring.AddRange(changes.Select(JobEvent.Of));
                    if (_ring.Count > RingSize)
                    {
                        var dropped = _ring.Count - RingSize;
                        _floor = _ring[dropped - 1].Id;
                        _ring.RemoveRange(0, dropped);
                    }

                    _head = changes[^1].Id;
                    signal = _appended;
                    _appended = NewSignal();
                }

                signal.TrySetResult();
                if (changes.Count < Page)
                {
                    return;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The ring's changes after <paramref name="cursor"/>; called under the lock. Ids grow along the ring.</summary>
    private JobEvent[] After(long cursor)
    {
        int low = 0, high = _ring.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_ring[mid].Id <= cursor)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low == _ring.Count ? [] : [.. _ring.GetRange(low, _ring.Count - low)];
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose()
    {
        _subscription.Dispose();
        _gate.Dispose();
    }
}
