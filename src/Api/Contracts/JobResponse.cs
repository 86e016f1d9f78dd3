namespace TaskWatch.Api.Contracts;

/// <summary>A tracked job's current state. Times are UTC (ISO 8601 with Z).</summary>
public sealed record JobResponse(
    string Project,
    string JobId,
    string Service,
    string? Region,
    string? Name,
    string Status,
    int? Progress,
    DateTime? Created,
    DateTime? Ended,
    string? InstanceId,
    string? InstanceName,
    string? FailReason,
    string Phase,
    bool Tracking,
    bool Stale,
    DateTime Registered,
    DateTime? LastRead,
    DateTime? NextRead,
    string? LastError,
    DateTime? ErrorSince);
