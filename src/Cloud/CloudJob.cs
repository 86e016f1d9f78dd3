namespace TaskWatch.Cloud;

/// <summary>One job as either dialect reports it, mapped onto one model.</summary>
public sealed record CloudJob
{
    public required string Id { get; init; }

    /// <summary>The task name, trimmed (the documents show names with a leading space).</summary>
    public required string Name { get; init; }

    public required JobStatus Status { get; init; }

    /// <summary>0–100, or null when the cloud gave none or an unreadable one.</summary>
    public int? Progress { get; init; }

    /// <summary>The progress text exactly as sent, for the detail page.</summary>
    public string? ProgressText { get; init; }

    public CloudTimestamp? Created { get; init; }

    public CloudTimestamp? Ended { get; init; }

    /// <summary>DDS sends <c>ended</c> while a job runs; only a terminal job's end time means anything.</summary>
    public bool EndedIsMeaningful => Ended is not null && Status.IsTerminal;

    public string? InstanceId { get; init; }

    public string? InstanceName { get; init; }

    public string? FailReason { get; init; }

    /// <summary>RDS only; null for DDS and when the body had no entities object.</summary>
    public RdsEntities? Entities { get; init; }

    /// <summary>The job object's JSON as received, kept for the detail page.</summary>
    public string RawJson { get; init; } = "{}";

    /// <summary>Timestamps that did not parse, named, so the UI can flag them.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
