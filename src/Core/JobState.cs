namespace TaskWatch.Core;

/// <summary>The three documented states, and Unknown for any other word (kept as text, never coerced).</summary>
public enum JobState
{
    Unknown = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
}
