using TaskWatch.Core;

namespace TaskWatch.Tracking;

/// <summary>An acknowledgement's outcome, the job as it now stands, and why it was refused.</summary>
public sealed record AckResult(AckOutcome Outcome, JobView? Job = null, string? Problem = null)
{
    public bool Changed => Outcome is AckOutcome.Acknowledged or AckOutcome.Unacknowledged;
}
