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
    DateTime? ErrorSince)
{
    /// <summary>Running jobs only: when it should end (UTC), or null with too little history or past the usual range.</summary>
    public DateTime? Eta { get; init; }

    /// <summary>Running jobs only: the median and 90th percentile of its kind, in seconds; null with too little history.</summary>
    public double? UsualSeconds { get; init; }

    public double? UsualP90Seconds { get; init; }

    /// <summary>Running past its usual time by the configured factor, or its progress stalled.</summary>
    public bool Overdue { get; init; }

    public string? OverdueReason { get; init; }

    /// <summary>Who has taken this failed, overdue or not-found job; null while nobody has.</summary>
    public AckResponse? Acknowledged { get; init; }
}
