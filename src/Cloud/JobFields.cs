using TaskWatch.Cloud.Wire;

namespace TaskWatch.Cloud;

/// <summary>
/// Which wire names hold a job's facts in one dialect's body (its single read or its list rows).
/// Each dialect writes its own: the parser never chooses between services. A fact's other spellings
/// come after the documented one, so a body that moves a figure to another name loses nothing.
/// </summary>
public sealed record JobFields
{
    /// <summary>The names the first two dialects and their list APIs use; a new dialect starts from here with <c>with</c>.</summary>
    public static readonly JobFields Common = new()
    {
        Id = w => w.Id ?? w.JobId,
        Name = w => w.Name ?? w.JobName,
        Created = w => w.Created ?? w.CreateTime ?? w.CreatedAt ?? w.CreatedTime,
        Ended = w => w.Ended ?? w.EndTime ?? w.EndedAt ?? w.EndedTime,
        Progress = w => w.Progress ?? w.Process,
        InstanceId = w => w.Instance?.Id ?? w.InstanceId ?? w.InstanceInfo?.InstanceId,
        InstanceName = w => w.Instance?.Name ?? w.InstanceName ?? w.InstanceInfo?.InstanceName,
    };

    public required Func<JobWire, string?> Id { get; init; }

    public required Func<JobWire, string?> Name { get; init; }

    public required Func<JobWire, string?> Created { get; init; }

    public required Func<JobWire, string?> Ended { get; init; }

    public required Func<JobWire, string?> Progress { get; init; }

    public required Func<JobWire, string?> InstanceId { get; init; }

    public required Func<JobWire, string?> InstanceName { get; init; }

    /// <summary>The wire name of the id, for the message when it is missing.</summary>
    public string IdName { get; init; } = "id";
}
