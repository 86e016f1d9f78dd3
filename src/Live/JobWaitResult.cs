using TaskWatch.Core;

namespace TaskWatch.Live;

/// <summary>
/// The outcome of a wait and the job's view at that moment (its last view when tracking stopped; null when
/// the time ran out before the store knew the job, as at start-up while it loads).
/// </summary>
public sealed record JobWaitResult(WaitOutcome Outcome, JobView? View)
{
    public bool Ended => Outcome is WaitOutcome.Completed or WaitOutcome.Failed or WaitOutcome.NotFound;
}
