using TaskWatch.Cloud;
using TaskWatch.Live;
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

    public bool NeedsSingleRead => Phase is PollPhase.New or PollPhase.Pending or PollPhase.NotFound or PollPhase.Confirming || Content is null;
}
