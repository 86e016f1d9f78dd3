using Microsoft.EntityFrameworkCore;
using TaskWatch.Cloud;
using TaskWatch.Core;
using TaskWatch.Live;
using TaskWatch.Storage;

namespace TaskWatch.Tracking.Leases;

/// <summary>
/// Brings the stored schedule of an account into this instance's poller when it takes the account over, and
/// applies registrations and stop-tracking made on other instances to the accounts it holds. What the
/// previous holder committed is read back as it stands, so nothing committed is lost and an unchanged job
/// makes no new snapshot. From the moment a load begins, the change feed publishes nothing more of the
/// account (<see cref="PublishFollowed"/>): the load's read is newer than anything the feed still has queued.
/// </summary>
public sealed class AccountScheduleLoader(
    PollSchedule schedule,
    ProjectCatalog projects,
    StoredScheduleLoader storedSchedule,
    PollerSignal signal,
    LiveJobStore live,
    IDbContextFactory<TaskWatchDbContext> dbFactory,
    TimeProvider time)
{
    // Accounts whose stored schedule this instance has loaded or is loading, until it gives them back. Taken
    // together with publishing the feed's views, so no view the feed made before a load is published after it.
    private readonly Lock _gate = new();
    private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Replaces this instance's schedule of every project of <paramref name="account"/> with the stored one, and
    /// closes the alert deliveries of those projects left pending by the previous holder.
    /// </summary>
    public async Task<int> LoadAsync(string account, CancellationToken cancellationToken)
    {
        var names = projects.All.Where(p => string.Equals(p.Account, account, StringComparison.OrdinalIgnoreCase)).Select(p => p.Name).ToList();
        if (names.Count == 0)
        {
            return 0;
        }

        // Issue 32: a change the feed had queued (the previous holder's last writes, seconds behind under load) and
        // published after this load's read put a finished job back to Running, and as this instance then held the
        // account, the feed skipped the later change that ended it and the poller never read the finished job again.
        lock (_gate)
        {
            _taken.Add(account);
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            // The alerts the previous holder claimed and had not finished were cut off with it (a holder that gave the
            // account back and is still sending records the real outcome over this when it finishes).
            await InterruptedDeliveries.CloseAsync(db, names, cancellationToken).ConfigureAwait(false);
        }

        var count = await storedSchedule.LoadAsync(names, cancellationToken).ConfigureAwait(false);
        signal.Wake();
        return count;
    }

    /// <summary>Whether this instance has taken the account: its poller publishes the account's jobs, from the load on.</summary>
    public bool IsTaken(string account)
    {
        lock (_gate)
        {
            return _taken.Contains(account);
        }
    }

    /// <summary>The account was given back (or the leases lost): the feed follows it again.</summary>
    public void Release(string account)
    {
        lock (_gate)
        {
            _taken.Remove(account);
        }
    }

    /// <summary>Every account was given back at once (the leases' session was lost).</summary>
    public void ReleaseAll()
    {
        lock (_gate)
        {
            _taken.Clear();
        }
    }

    /// <summary>
    /// Publishes the change feed's views of other instances' jobs, leaving out those of accounts this instance has
    /// taken: their views are its poller's, from the load on.
    /// </summary>
    public void PublishFollowed(IReadOnlyList<JobView> views)
    {
        lock (_gate)
        {
            live.Publish(_taken.Count == 0 ? views : [.. views.Where(v => projects.Find(v.Key.Project) is not { } project || !_taken.Contains(project.Account))]);
        }
    }

    /// <summary>
    /// A stored job of an account this instance holds, as another instance left it: a registration is scheduled
    /// here, a job no longer tracked leaves the schedule. Jobs already scheduled here are this instance's own.
    /// </summary>
    public void Apply(TrackedJob row)
    {
        var key = new JobKey(row.Project, row.JobId);
        var known = schedule.Find(key);
        if (!row.IsTracking)
        {
            if (known is not null)
            {
                schedule.Remove(key);
            }

            return;
        }

        if (known is null && ScheduledJobFactory.FromRow(row, projects, time.GetUtcNow().UtcDateTime) is { } job)
        {
            schedule.Add(job);
            signal.Wake();
        }
    }
}
