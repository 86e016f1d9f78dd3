using TaskWatch.Core;
using TaskWatch.Storage;

namespace TaskWatch.Components.Model;

/// <summary>Filters and orders the live jobs on the server, so the browser only ever gets the rows it shows.</summary>
public static class JobViewFilter
{
    public static List<JobView> Apply(IEnumerable<JobView> jobs, DashboardFilter filter)
    {
        var result = new List<JobView>();
        foreach (var j in jobs)
        {
            if (Matches(j, filter))
            {
                result.Add(j);
            }
        }

        result.Sort(JobSort.Comparer(filter.Sort, filter.Descending));
        return result;
    }

    public static bool Matches(JobView j, DashboardFilter f)
    {
        if (f.Service is { } service && j.Service != service)
        {
            return false;
        }

        if (f.Project is { } project && !string.Equals(j.Key.Project, project, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (f.Status is { } status && !MatchesStatus(j, status))
        {
            return false;
        }

        if (f.Text is { } text)
        {
            return Contains(j.Name, text) || Contains(j.InstanceName, text) || Contains(j.InstanceId, text) || Contains(j.Key.JobId, text);
        }

        return true;
    }

    private static bool MatchesStatus(JobView j, StatusFilter status) => status switch
    {
        StatusFilter.Running => j.State == JobState.Running,
        StatusFilter.Completed => j.State == JobState.Completed,
        StatusFilter.Failed => j.State == JobState.Failed,
        StatusFilter.Unknown => j.State == JobState.Unknown,
        StatusFilter.Waiting => j.State is null && j.Phase is PollPhase.New or PollPhase.Pending,
        StatusFilter.NotFound => j.Phase == PollPhase.NotFound,
        StatusFilter.Stale => j.IsStale,
        StatusFilter.Overdue => j.IsOverdue,
        StatusFilter.NeedsAttention => AckRules.NeedsAttention(j),
        _ => true,
    };

    private static bool Contains(string? value, string text) => value?.Contains(text, StringComparison.OrdinalIgnoreCase) == true;
}
