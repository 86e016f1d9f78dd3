namespace TaskWatch.Components.Model;

/// <summary>Job ids pasted into the register dialog, split and de-duplicated; a problem when there are too many or none.</summary>
public sealed record JobIdList(IReadOnlyList<string> Ids, int Duplicates, string? Problem)
{
    public bool IsValid => Problem is null;
}
