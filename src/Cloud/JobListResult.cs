namespace TaskWatch.Cloud;

/// <summary>One page of a list API: the jobs it read whole, and how many rows were unreadable.</summary>
public sealed record JobListResult(IReadOnlyList<CloudJob> Jobs, int TotalCount, int Unreadable, CloudError? Error)
{
    public static JobListResult Failed(CloudError error) => new([], 0, 0, error);
}
