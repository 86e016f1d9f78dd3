using Microsoft.EntityFrameworkCore;
using TaskWatch.Cloud;
using TaskWatch.Core;
using TaskWatch.Storage;

namespace TaskWatch.Tracking.Leases;

/// <summary>
/// Brings the stored schedule of an account into this instance's poller when it takes the account over, and
/// applies registrations and stop-tracking made on other instances to the accounts it holds. What the
/// previous holder committed is read back as it stands, so nothing committed is lost and an unchanged job
/// makes no new snapshot.
/// </summary>
public sealed class AccountScheduleLoader(
    PollSchedule schedule,
    ProjectCatalog projects,
    StoredScheduleLoader storedSchedule,
    PollerSignal signal,
    IDbContextFactory<TaskWatchDbContext> dbFactory,
    TimeProvider time)
{
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
