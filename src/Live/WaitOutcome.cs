namespace TaskWatch.Live;

/// <summary>How a wait for a job's end came out.</summary>
public enum WaitOutcome
{
    /// <summary>The job ended Completed (confirmed by a second read).</summary>
    Completed,

    /// <summary>The job ended Failed (confirmed by a second read).</summary>
    Failed,

    /// <summary>The cloud does not know the job after the grace period, or forgot it before it ended.</summary>
    NotFound,

    /// <summary>The timeout passed first; the job has not ended.</summary>
    TimedOut,

    /// <summary>Someone stopped tracking the job during the wait.</summary>
    Stopped,
}
