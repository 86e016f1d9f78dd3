using TaskWatch.Cloud;
using TaskWatch.Configuration;
using TaskWatch.Core;

namespace TaskWatch.Tracking;

/// <summary>
/// Decides, from one answer, a job's phase and its next read. Plain and synchronous so every rule
/// is unit-tested on a fake clock.
/// </summary>
public sealed class JobPollPolicy(PollingOptions options, Random? random = null)
{
    /// <summary>Pause after a 429 that names no Retry-After.</summary>
    public static readonly TimeSpan DefaultThrottleWait = TimeSpan.FromSeconds(10);

    private readonly Random _random = random ?? Random.Shared;

    public PollingOptions Options => options;

    /// <summary>Applies one answer to <paramref name="job"/>; returns whether its content changed.</summary>
    /// <param name="byList">
    /// The answer came from a list call (for an end: the row may lack detail, see <see cref="ScheduledJob.NeedsDetail"/>), which reads the project's running jobs together for one
    /// call: slowing one job down saves nothing, so it stays at the running interval and the
    /// account's budget decides how often the list is actually called.
    /// </param>
    /// <param name="rowLacksDetail">The list row lacks detail the single read carries (<see cref="TaskCenterClient.ListRowsLackDetail"/>).</param>
    /// <param name="detailRead">
    /// The read was for the detail list rows lack (<see cref="ScheduledJob.NeedsDetail"/>), made after the
    /// job's list answer queued it: a running job keeps that place. Any other single read is the job's refresh.
    /// </param>
    public bool Apply(ScheduledJob job, JobReadResult result, DateTime now, bool byList = false, bool rowLacksDetail = false, bool detailRead = false)
    {
        job.WaitingSinceUtc = null;
        job.Version++;
        return result.Job is { } cloudJob ? ApplyJob(job, cloudJob, now, byList, rowLacksDetail, detailRead) : ApplyError(job, result.Error!, now);
    }

    private bool ApplyJob(ScheduledJob job, CloudJob cloudJob, DateTime now, bool byList, bool rowLacksDetail, bool detailRead)
    {
        var content = JobContent.From(cloudJob, job.Content);
        var previous = job.Content;
        var changed = content != previous;
        var moved = previous is null || previous.State != content.State || previous.Progress != content.Progress;
        job.Content = content;
        job.CreatedUtc = cloudJob.Created?.Utc ?? job.CreatedUtc;
        job.LastReadUtc = now;
        job.ConsecutiveErrors = 0;
        job.ErrorSinceUtc = null;
        job.LastError = null;

        if (cloudJob.Status.IsTerminal)
        {
            // The end as the cloud states it (status, end time, failure reason), from a list row or a
            // single read alike: believed at once, never read again. Only a list row of a service whose
            // rows lack detail (RDS: no entities) leaves one nice-to-have read for spare budget.
            job.Phase = PollPhase.Done;
            job.NeedsDetail = byList && rowLacksDetail && content.EntitiesJson is null;
            job.DetailWanted &= job.NeedsDetail;
            job.DueUtc = job.NeedsDetail ? now : DateTime.MaxValue;
            return changed;
        }

        // A running job known only from list rows that lack detail (RDS: no entities, the instance's
        // endpoint and the key its duration estimate uses) is read alone once, with spare budget. That
        // read keeps the job's place beside the others its project's list refreshes (queued by the list's
        // answer): a job due alone would cost a single read each time. A single read made because the job
        // was due is its refresh: kept, the place that passed would make it due again at once.
        var detailOfListed = detailRead && job.NeedsDetail && job.Phase == PollPhase.Active;
        job.NeedsDetail = byList && rowLacksDetail && content.EntitiesJson is null;
        job.DetailWanted &= job.NeedsDetail;
        job.Phase = PollPhase.Active;
        if (detailOfListed)
        {
            return changed;
        }

        // Only a job no list reads slows down while its progress stands still. A job of a listed project is
        // read alone only while its page is not worth a call (it sits past the pages the round reads), so
        // the read costs what the page would; slowed down, it would fall out of step with its project's
        // sweeps, be read alone at every due time, and show Running up to MaxRunningInterval after it ended.
        job.Interval = moved || byList || job.Project.ListApi || job.Interval <= TimeSpan.Zero
            ? options.RunningInterval
            : Min(TimeSpan.FromTicks((long)(job.Interval.Ticks * 1.5)), options.MaxRunningInterval);
        job.DueUtc = now + job.Interval;
        return changed;
    }

    private bool ApplyError(ScheduledJob job, CloudError error, DateTime now)
    {
        if (error.Outcome == ReadOutcome.NotFound)
        {
            return ApplyNotFound(job, error, now);
        }

        job.ConsecutiveErrors++;
        job.ErrorSinceUtc ??= now;
        job.LastError = error;
        var wait = error.Outcome == ReadOutcome.Throttled
            ? error.RetryAfter ?? DefaultThrottleWait
            : Backoff(job.ConsecutiveErrors);
        job.DueUtc = now + wait;
        return false;
    }

    private bool ApplyNotFound(ScheduledJob job, CloudError error, DateTime now)
    {
        job.ConsecutiveErrors = 0;
        job.ErrorSinceUtc = null;
        job.LastError = null;
        job.NeedsDetail = false;
        job.DetailWanted = false;
        if (job.Content is { } content)
        {
            // Known before and gone now: older than the cloud's one-month window. TaskWatch keeps
            // what it saw; a finished job needs nothing more.
            job.Phase = content.State is JobState.Completed or JobState.Failed ? PollPhase.Done : PollPhase.NotFound;
            job.DueUtc = job.Phase == PollPhase.Done ? DateTime.MaxValue : now + options.NotFoundInterval;
            job.LastError = job.Phase == PollPhase.NotFound ? error : null;
            return false;
        }

        if (now - job.RegisteredUtc < options.NotFoundGrace)
        {
            job.Phase = PollPhase.Pending;
            job.DueUtc = now + options.NotFoundRetryInterval;
        }
        else
        {
            job.Phase = PollPhase.NotFound;
            job.DueUtc = now + options.NotFoundInterval;
        }

        return false;
    }

    /// <summary>
    /// Exponential from the running interval with ±20 % jitter so many jobs do not retry in step;
    /// the cap holds after the jitter (at the cap the jitter only shortens).
    /// </summary>
    public TimeSpan Backoff(int consecutiveErrors)
    {
        var exponent = Math.Min(consecutiveErrors - 1, 16);
        var raw = Min(TimeSpan.FromTicks(options.RunningInterval.Ticks * (1L << exponent)), options.MaxErrorBackoff);
        return Min(TimeSpan.FromTicks((long)(raw.Ticks * (0.8 + (0.4 * _random.NextDouble())))), options.MaxErrorBackoff);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
