using TaskWatch.Core;

namespace TaskWatch.Storage;

/// <summary>A job's stored snapshots as its readers see them: the job page and the API's detail.</summary>
public static class JobTimeline
{
    /// <summary>Snapshots store wide fields only when they changed; fill them forward for readers.</summary>
    public static List<TimelineEntry> From(IEnumerable<JobSnapshot> snapshots)
    {
        var result = new List<TimelineEntry>();
        string? name = null, failReason = null, entities = null;
        DateTime? ended = null;
        foreach (var s in snapshots)
        {
            name = s.Name ?? name;
            failReason = s.FailReason ?? failReason;
            entities = s.EntitiesJson ?? entities;
            ended = s.EndedUtc ?? ended;
            result.Add(new TimelineEntry(s.ObservedUtc, JobStatusText.Of(s.State, s.StatusWord, PollPhase.Active), s.Progress, name, ended, failReason, entities, s.AckChange, s.AckBy, s.AckNote));
        }

        return result;
    }
}
