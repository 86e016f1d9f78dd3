using TaskWatch.Cloud;
using TaskWatch.Live;
using TaskWatch.Storage;

namespace TaskWatch.Components.Model;

/// <summary>How a status is drawn: a symbol and a CSS class beside the text, never colour alone.</summary>
public readonly record struct StatusLook(string Symbol, string CssClass)
{
    public static StatusLook Of(JobView job) => Of(job.State, job.Phase, job.IsStale);

    public static StatusLook Of(JobState? state, PollPhase phase, bool stale) => state switch
    {
        _ when phase == PollPhase.NotFound => new("⊘", "tw-status-notfound"),
        JobState.Running when stale => new("⚠", "tw-status-stale"),
        JobState.Running => new("▶", "tw-status-running"),
        JobState.Completed => new("✔", "tw-status-completed"),
        JobState.Failed => new("✖", "tw-status-failed"),
        JobState.Unknown => new("?", "tw-status-unknown"),
        _ => new("◔", "tw-status-waiting"),
    };
}
