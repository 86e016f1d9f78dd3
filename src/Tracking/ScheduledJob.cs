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

    /// <summary>
    /// Hash of the last cloud body handed to the writer (0: none since start-up): an unchanged body
    /// need not be stored again, only the poll times.
    /// </summary>
    public int StoredBodyHash { get; set; }

    public bool IsRunning => Content?.State == JobState.Running;

    /// <summary>
    /// Whether a list row can stand for this job's next read: its first read (a list row carries
    /// status, progress, name, instance and failure reason; only the RDS entities are missing, and
    /// those are read once when the job ends) or a running job's refresh. Everything else (a job
    /// not found yet or any more, the confirmation of an end) is a single-job read.
    /// </summary>
    public bool ListReadable => (Phase == PollPhase.New && Content is null) || (Phase == PollPhase.Active && IsRunning);

    /// <summary>
    /// Since when what is shown of this job is unrefreshed: the budget serves the oldest first. A job
    /// the cloud does not know (yet) has no view to refresh; it queues from when its retry came due.
    /// </summary>
    public DateTime StaleSinceUtc => Phase is PollPhase.Pending or PollPhase.NotFound
        ? WaitingSinceUtc ?? DueUtc
        : LastReadUtc ?? RegisteredUtc;
}
