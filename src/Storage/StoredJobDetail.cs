using TaskWatch.Core;

namespace TaskWatch.Storage;

/// <summary>What the job page shows of one stored job: its view, the raw texts the cloud sent, and its timeline.</summary>
public sealed record StoredJobDetail(
    JobView Job,
    bool IsTracking,
    RegistrationSource Source,
    DateTime? StoppedUtc,
    string? CreatedText,
    string? EndedText,
    string? RawJson,
    string? EntitiesJson,
    IReadOnlyList<TimelineEntry> Timeline)
{
    public static StoredJobDetail From(TrackedJob job, IEnumerable<JobSnapshot> snapshots) => new(
        StoredJobView.From(job), job.IsTracking, job.Source, job.StoppedUtc, job.CreatedText, job.EndedText, job.RawJson,
        job.EntitiesJson, JobTimeline.From(snapshots));
}
