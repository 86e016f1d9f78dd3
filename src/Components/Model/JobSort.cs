using TaskWatch.Core;

namespace TaskWatch.Components.Model;

/// <summary>The grid's columns and how each sorts; with no choice, running jobs first, then the newest.</summary>
public static class JobSort
{
    public static readonly IReadOnlyList<(JobSortColumn Key, string Title)> Columns =
    [
        (JobSortColumn.Service, "Service"),
        (JobSortColumn.Project, "Project"),
        (JobSortColumn.Job, "Job"),
        (JobSortColumn.Instance, "Instance"),
        (JobSortColumn.Status, "Status"),
        (JobSortColumn.Progress, "Progress"),
        (JobSortColumn.Created, "Created"),
        (JobSortColumn.Ended, "Ended / elapsed"),
        (JobSortColumn.Reason, "Failure reason"),
    ];

    public static Comparison<JobView> Comparer(JobSortColumn? column, bool descending)
    {
        Comparison<JobView> primary = column switch
        {
            JobSortColumn.Service => (a, b) => a.Service.CompareTo(b.Service),
            JobSortColumn.Project => (a, b) => string.Compare(a.Key.Project, b.Key.Project, StringComparison.OrdinalIgnoreCase),
            JobSortColumn.Job => (a, b) => string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase),
            JobSortColumn.Instance => (a, b) => string.Compare(a.InstanceName, b.InstanceName, StringComparison.OrdinalIgnoreCase),
            JobSortColumn.Status => (a, b) => string.Compare(a.StatusText, b.StatusText, StringComparison.Ordinal),
            JobSortColumn.Progress => (a, b) => Nullable.Compare(a.Progress, b.Progress),
            JobSortColumn.Created => (a, b) => Nullable.Compare(a.CreatedUtc, b.CreatedUtc),
            JobSortColumn.Ended => (a, b) => Nullable.Compare(a.EndedUtc, b.EndedUtc),
            JobSortColumn.Reason => (a, b) => string.Compare(a.FailReason, b.FailReason, StringComparison.Ordinal),
            _ => (a, b) =>
            {
                var byRunning = b.IsRunning.CompareTo(a.IsRunning);
                return byRunning != 0 ? byRunning : (b.CreatedUtc ?? b.RegisteredUtc).CompareTo(a.CreatedUtc ?? a.RegisteredUtc);
            },
        };
        var sign = descending && column is not null ? -1 : 1;
        // A tie-break by key keeps rows from jumping between live updates, and makes the order total,
        // which lets a dashboard find a row by binary search (DashboardRows).
        return (a, b) =>
        {
            var c = sign * primary(a, b);
            c = c != 0 ? c : string.CompareOrdinal(a.Key.JobId, b.Key.JobId);
            return c != 0 ? c : string.CompareOrdinal(a.Key.Project, b.Key.Project);
        };
    }
}
