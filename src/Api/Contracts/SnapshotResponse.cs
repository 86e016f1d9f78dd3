namespace TaskWatch.Api.Contracts;

/// <summary>One observed change; name, ended, fail reason and entities are filled forward from earlier rows.</summary>
public sealed record SnapshotResponse(DateTime Observed, string Status, int? Progress, string? Name, DateTime? Ended, string? FailReason, string? Entities);
