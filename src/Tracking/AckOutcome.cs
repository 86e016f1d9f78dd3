namespace TaskWatch.Tracking;

/// <summary>What became of an acknowledgement or its withdrawal.</summary>
public enum AckOutcome
{
    Acknowledged,
    Unacknowledged,

    /// <summary>Withdrawn from a job nobody had acknowledged: nothing changed.</summary>
    NotAcknowledged,
    UnknownProject,
    UnknownJob,

    /// <summary>The job did not fail, is not overdue and was found: there is nothing to take.</summary>
    NothingToAcknowledge,
    InvalidNote,
}
