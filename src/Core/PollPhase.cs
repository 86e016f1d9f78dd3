namespace TaskWatch.Core;

/// <summary>Where a job stands in the poller's life cycle.</summary>
public enum PollPhase
{
    /// <summary>Registered, not read yet.</summary>
    New = 0,

    /// <summary>"Not found" within the grace period: a new job takes seconds to appear.</summary>
    Pending = 1,

    /// <summary>Read at least once and not finished.</summary>
    Active = 2,

    /// <summary>Seen Completed or Failed by a release that confirmed ends with one more read; such a job is read once more, then Done.</summary>
    Confirming = 3,

    /// <summary>Confirmed finished: never polled again.</summary>
    Done = 4,

    /// <summary>Still "not found" after the grace period (or forgotten by the cloud): polled rarely.</summary>
    NotFound = 5,

    /// <summary>A user stopped tracking it.</summary>
    Stopped = 6,
}
