using TaskWatch.Core;

namespace TaskWatch.Storage;

/// <summary>Filters over stored jobs, shared by the REST API and the history page. Every field is optional.</summary>
public sealed record JobSearch
{
    public string? Project { get; init; }

    public CloudService? Service { get; init; }

    public JobState? State { get; init; }

    /// <summary>Matches job name, instance name, instance id or job id (substring, any case).</summary>
    public string? Text { get; init; }

    public string? InstanceName { get; init; }

    /// <summary>Exactly this instance's jobs (its id, as the cloud gives it): the history started from an instance's page.</summary>
    public string? InstanceId { get; init; }

    public string? JobName { get; init; }

    public DateTime? CreatedFromUtc { get; init; }

    public DateTime? CreatedToUtc { get; init; }

    /// <summary>Null: tracked and stopped alike (history); true: only jobs still tracked.</summary>
    public bool? Tracking { get; init; }
}
