using TaskWatch.Core;

namespace TaskWatch.Storage;

/// <summary>
/// One observed change of a job; name, ended, fail reason and entities are filled forward from earlier rows. An entry with
/// <paramref name="Ack"/> records an acknowledgement (or its withdrawal) by <paramref name="AckBy"/>, not a read.
/// </summary>
public sealed record TimelineEntry(
    DateTime ObservedUtc, string Status, int? Progress, string? Name, DateTime? EndedUtc, string? FailReason, string? EntitiesJson,
    AckChange? Ack = null, string? AckBy = null, string? AckNote = null);
