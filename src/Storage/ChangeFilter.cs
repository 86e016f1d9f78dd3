using TaskWatch.Core;

namespace TaskWatch.Storage;

/// <summary>Which changes an event stream wants; null means any.</summary>
public sealed record ChangeFilter(string? Project, CloudService? Service, JobState? State)
{
    public static readonly ChangeFilter Any = new(null, null, null);

    public bool Matches(StoredChange change) => Matches(change.Project, change.Service, change.State);

    public bool Matches(string project, CloudService service, JobState state) =>
        (Project is null || string.Equals(Project, project, StringComparison.OrdinalIgnoreCase))
        && (Service is null || Service == service)
        && (State is null || State == state);
}
