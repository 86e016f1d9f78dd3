using TaskWatch.Cloud;
using TaskWatch.Core;
using TaskWatch.Storage;

namespace TaskWatch.Tracking;

/// <summary>The poller's own state of one job. Mutated only under the schedule's lock.</summary>
public sealed class ScheduledJob(JobKey key, CloudProject project, long rowId, DateTime registeredUtc)
{
    public JobKey Key { get; } = key;

    public CloudProject Project { get; } = project;

    public long RowId { get; } = rowId;

    public DateTime RegisteredUtc { get; } = registeredUtc;

    public PollPhase Phase { get; set; } = PollPhase.New;

    public JobContent? Content { get; set; }

    public DateTime? CreatedUtc { get; set; }

    public DateTime DueUtc { get; set; }

    /// <summary>When it first became due and was not polled: the fairness key, so no job starves.</summary>
    public DateTime? WaitingSinceUtc { get; set; }

    public TimeSpan Interval { get; set; }

    public int ConsecutiveErrors { get; set; }

    public DateTime? LastReadUtc { get; set; }

    public DateTime? ErrorSinceUtc { get; set; }

    public CloudError? LastError { get; set; }

    public bool InFlight { get; set; }

    /// <summary>Bumped on every reschedule; queue entries with an older version are stale.</summary>
    public long Version { get; set; }

    public JobView View { get; set; } = null!;

    /// <summary>Who took the job, carried into every view the poller makes of it (changed under <see cref="PollSchedule.Sync"/>).</summary>
    public JobAck? Ack { get; set; }

    /// <summary>
    /// Hash of the last cloud body handed to the writer (0: none since start-up): an unchanged body
    /// need not be stored again, only the poll times.
    /// </summary>
    public int StoredBodyHash { get; set; }

    public bool IsRunning => Content?.State == JobState.Running;

    /// <summary>
    /// Whether a list row can stand for this job's next read: a job the cloud has not shown yet (its
    /// first read, or one "not found" in its first seconds: a new job is on the first page of its
    /// project's list, newest first) or a running job's refresh, which finds its end too (a row with
    /// Completed or Failed carries the end time and the failure reason). Everything else (a job not
    /// found any more, an end seen by a release that still confirmed ends) is a single-job read.
    /// </summary>
    public bool ListReadable => Content is null ? Phase is PollPhase.New or PollPhase.Pending : Phase == PollPhase.Active && IsRunning;

    /// <summary>
    /// A job not shown yet that a sweep over its project's look-back window did not find: later sweeps
    /// look for it only on the pages that reach back to its registration (it is new, or it is not there).
    /// </summary>
    public bool LookedForInList { get; set; }

    /// <summary>
    /// Seen only in list rows that lack detail a single read would add
    /// (<see cref="TaskCenterClient.ListRowsLackDetail"/>: the RDS <c>entities</c>): read once, only with
    /// budget no stale view needs. Not a truth: the end (or the progress) stands without it.
    /// </summary>
    public bool NeedsDetail { get; set; }

    /// <summary>
    /// Someone opened the job's page while it <see cref="NeedsDetail"/>: the detail is read at its turn
    /// at the budget, like a view stale since then, not only with budget to spare.
    /// </summary>
    public bool DetailWanted { get; set; }

    /// <summary>
    /// Since when what is shown of this job is unrefreshed: the budget serves the oldest first. A job
    /// the cloud does not know (yet) has no view to refresh; it queues from when its retry came due.
    /// </summary>
    public DateTime StaleSinceUtc => Phase is PollPhase.Pending or PollPhase.NotFound
        ? WaitingSinceUtc ?? DueUtc
        : LastReadUtc ?? RegisteredUtc;
}
