using TaskWatch.Core;

namespace TaskWatch.Cloud;

/// <summary>A job's status as the cloud said it: the documented state, or the unknown word itself.</summary>
public readonly record struct JobStatus(JobState State, string Word)
{
    public static JobStatus Parse(string word) => word switch
    {
        // Only the exact documented spelling counts: "running" from a proxy or a new API version
        // is shown as unknown rather than silently trusted.
        "Running" => new(JobState.Running, word),
        "Completed" => new(JobState.Completed, word),
        "Failed" => new(JobState.Failed, word),
        _ => new(JobState.Unknown, word),
    };

    public bool IsTerminal => State is JobState.Completed or JobState.Failed;

    public override string ToString() => State == JobState.Unknown ? $"Unknown ({Word})" : State.ToString();
}
