using TaskWatch.Cloud;
using TaskWatch.Core;
using TaskWatch.Storage;

namespace TaskWatch.Tracking;

/// <summary>
/// The part of a job whose change makes a snapshot: status, progress, name, end, failure, entities.
/// Record equality is the change test, so an unchanged poll adds no row.
/// </summary>
public sealed record JobContent(JobState State, string? StatusWord, int? Progress, string? Name, DateTime? EndedUtc, string? FailReason, string? EntitiesJson)
{
    /// <summary>
    /// The content of a read. A list read carries no entities: the previous ones stand. DDS sends
    /// <c>ended</c> while running, which is not an end: only a finished job's end counts.
    /// </summary>
    public static JobContent From(CloudJob job, JobContent? previous) => new(
        job.Status.State,
        job.Status.State == JobState.Unknown ? job.Status.Word : null,
        job.Progress,
        job.Name,
        job.EndedIsMeaningful ? job.Ended?.Utc : null,
        job.FailReason,
        job.Entities?.RawJson ?? previous?.EntitiesJson);

    public static JobContent? From(TrackedJob row) => row.State is not { } state
        ? null
        : new(state, row.StatusWord, row.Progress, row.Name, row.EndedUtc, row.FailReason, row.EntitiesJson);
}
