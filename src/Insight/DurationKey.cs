using TaskWatch.Core;

namespace TaskWatch.Insight;

/// <summary>
/// A kind of job whose runs take alike: service and task name, and where the cloud says so the
/// datastore type and volume size (a 1 TB resize is not a 40 GB one). Text parts are normalised
/// (trimmed, lower case) so " RestartMysqlInstance" and "RestartMysqlInstance" are one kind.
/// </summary>
public readonly record struct DurationKey
{
    public DurationKey(CloudService service, string? name, string? datastoreType = null, string? volumeSize = null)
    {
        Service = service;
        Name = Normalize(name) ?? string.Empty;
        DatastoreType = Normalize(datastoreType);
        VolumeSize = Normalize(volumeSize);
    }

    public CloudService Service { get; }

    public string Name { get; }

    public string? DatastoreType { get; }

    public string? VolumeSize { get; }

    /// <summary>The same kind without datastore and volume: the fallback when the exact kind has too few runs.</summary>
    public DurationKey General => new(Service, Name);

    public bool IsGeneral => DatastoreType is null && VolumeSize is null;

    private static string? Normalize(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().ToLowerInvariant();
}
