namespace TaskWatch.Cloud;

/// <summary>The RDS <c>entities</c> object as typed fields; every part is optional (<c>{}</c> is common).</summary>
public sealed record RdsEntities
{
    public string? InstanceEndpoint { get; init; }

    public string? InstanceType { get; init; }

    public string? DatastoreType { get; init; }

    public string? DatastoreVersion { get; init; }

    public string? ReplicaOf { get; init; }

    public IReadOnlyList<string> ResourceIds { get; init; } = [];

    public string? VolumeType { get; init; }

    public string? VolumeOriginalSize { get; init; }

    public string? VolumeTargetSize { get; init; }

    public string? PublicIp { get; init; }

    public string? SwitchStrategy { get; init; }

    /// <summary>The entities JSON as received.</summary>
    public string RawJson { get; init; } = "{}";

    public bool IsEmpty =>
        InstanceEndpoint is null && InstanceType is null && DatastoreType is null && DatastoreVersion is null && ReplicaOf is null
        && ResourceIds.Count == 0 && VolumeType is null && VolumeOriginalSize is null && VolumeTargetSize is null && PublicIp is null && SwitchStrategy is null;
}
