using TaskWatch.Core;

namespace TaskWatch.Storage;

/// <summary>One stored snapshot with the job it belongs to: what the event stream sends, its id the snapshot's.</summary>
public sealed record StoredChange(
    long Id,
    string Project,
    string JobId,
    CloudService Service,
    DateTime ObservedUtc,
    JobState State,
    string? StatusWord,
    int? Progress,
    string? Name,
    DateTime? EndedUtc,
    string? FailReason,
    AckChange? Ack = null,
    string? AckBy = null,
    string? AckNote = null);
