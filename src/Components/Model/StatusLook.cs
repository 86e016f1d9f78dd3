using MudBlazor;
using TaskWatch.Core;
using TaskWatch.Storage;

namespace TaskWatch.Components.Model;

/// <summary>How a status is drawn: a symbol and a colour beside the text, never colour alone.</summary>
public readonly record struct StatusLook(string Symbol, string CssClass, Color Color)
{
    public static StatusLook Of(JobView job) => Of(job.State, job.Phase, job.IsStale);

    public static StatusLook Of(JobState? state, PollPhase phase, bool stale) => state switch
    {
        _ when phase == PollPhase.NotFound => new("⊘", "tw-status-notfound", Color.Secondary),
        JobState.Running when stale => new("⚠", "tw-status-stale", Color.Warning),
        JobState.Running => new("▶", "tw-status-running", Color.Info),
        JobState.Completed => new("✔", "tw-status-completed", Color.Success),
        JobState.Failed => new("✖", "tw-status-failed", Color.Error),
        JobState.Unknown => new("?", "tw-status-unknown", Color.Default),
        _ => new("◔", "tw-status-waiting", Color.Default),
    };
}
