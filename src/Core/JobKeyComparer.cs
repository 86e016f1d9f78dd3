namespace TaskWatch.Core;

/// <summary>Project names and task ids compare without case, as the cloud treats them.</summary>
public sealed class JobKeyComparer : IEqualityComparer<JobKey>
{
    public static readonly JobKeyComparer Instance = new();

    public bool Equals(JobKey x, JobKey y) =>
        string.Equals(x.Project, y.Project, StringComparison.OrdinalIgnoreCase) && string.Equals(x.JobId, y.JobId, StringComparison.OrdinalIgnoreCase);

    public int GetHashCode(JobKey obj) =>
        HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Project), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.JobId));
}
