namespace TaskWatch.Core;

/// <summary>One wording of a job's status for every page and the API.</summary>
public static class JobStatusText
{
    public static string Of(JobState? state, string? word, PollPhase phase) => state switch
    {
        null => phase switch
        {
            PollPhase.Pending => "Waiting to appear",
            PollPhase.NotFound => "Not found",
            PollPhase.Stopped => "Not tracked",
            _ => "Registered",
        },
        JobState.Unknown => $"Unknown ({word})",
        var s => phase == PollPhase.NotFound ? $"{s} (no longer found)" : s.ToString()!,
    };

    public static bool IsStale(string? lastError, PollPhase phase) => lastError is not null && phase is not (PollPhase.Done or PollPhase.Stopped);
}
