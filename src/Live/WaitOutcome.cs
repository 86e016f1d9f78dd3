namespace TaskWatch.Live;

/// <summary>How a wait for a job's end came out.</summary>
public enum WaitOutcome
{
    /// <summary>The job ended Completed (the end as the cloud states it, phase Done).</summary>
    Completed,

    /// <summary>The job ended Failed (the end as the cloud states it, phase Done).</summary>
    Failed,

    /// <summary>The cloud does not know the job after the grace period, or forgot it before it ended.</summary>
    NotFound,

    /// <summary>The timeout passed first; the job has not ended.</summary>
    TimedOut,

    /// <summary>Someone stopped tracking the job during the wait.</summary>
    Stopped,
}
