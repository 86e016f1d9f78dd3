using TaskWatch.Core;

namespace TaskWatch.Storage;

/// <summary>
/// One observed change of a job. State and progress are always written; the wider fields (name,
/// ended, fail reason, entities) only when they changed, null meaning "as before", which keeps a
/// row to a few dozen bytes.
/// </summary>
public sealed class JobSnapshot
{
    public long Id { get; set; }

    public long TrackedJobId { get; set; }

    public DateTime ObservedUtc { get; set; }

    public JobState State { get; set; }

    public string? StatusWord { get; set; }

    public int? Progress { get; set; }

    public string? Name { get; set; }

    public DateTime? EndedUtc { get; set; }

    public string? FailReason { get; set; }

    public string? EntitiesJson { get; set; }

    /// <summary>
    /// Set on an entry that records an acknowledgement or its withdrawal rather than a read: it copies the job's
    /// state then, so the timeline, the event stream and retention read it as one more change.
    /// </summary>
    public AckChange? AckChange { get; set; }

    public string? AckBy { get; set; }

    public string? AckNote { get; set; }
}
