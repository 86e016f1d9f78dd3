using TaskWatch.Cloud;

namespace TaskWatch.Storage;

/// <summary>Which changes an event stream wants; null means any.</summary>
public sealed record ChangeFilter(string? Project, CloudService? Service, JobState? State)
{
    public static readonly ChangeFilter Any = new(null, null, null);

    public bool Matches(StoredChange change) =>
        (Project is null || string.Equals(Project, change.Project, StringComparison.OrdinalIgnoreCase))
        && (Service is null || Service == change.Service)
        && (State is null || State == change.State);
}
