namespace TaskWatch.Storage;

/// <summary>One observed change of a job; name, ended, fail reason and entities are filled forward from earlier rows.</summary>
public sealed record TimelineEntry(DateTime ObservedUtc, string Status, int? Progress, string? Name, DateTime? EndedUtc, string? FailReason, string? EntitiesJson);
