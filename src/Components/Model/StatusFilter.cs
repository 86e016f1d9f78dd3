namespace TaskWatch.Components.Model;

/// <summary>What the status filter offers: the cloud's states plus TaskWatch's own (stale, not found).</summary>
public enum StatusFilter
{
    Running,
    Completed,
    Failed,
    Unknown,
    Waiting,
    NotFound,
    Stale,
    Overdue,

    /// <summary>Failed, overdue or not found, and nobody has acknowledged it (<see cref="Core.AckRules.NeedsAttention"/>).</summary>
    NeedsAttention,
}
