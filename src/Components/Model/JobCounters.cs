using TaskWatch.Cloud;
using TaskWatch.Live;
using TaskWatch.Storage;

namespace TaskWatch.Components.Model;

/// <summary>The dashboard's and the wall's headline numbers.</summary>
public sealed record JobCounters(int Running, int Failed24h, int Completed24h, int Stale, int NotFound, int Overdue = 0)
{
    public static JobCounters From(IEnumerable<JobView> jobs, DateTime nowUtc)
    {
        int running = 0, failed = 0, completed = 0, stale = 0, notFound = 0, overdue = 0;
        var since = nowUtc.AddHours(-24);
        foreach (var j in jobs)
        {
            if (j.IsRunning)
            {
                running++;
            }

            if (j.State == JobState.Failed && (j.EndedUtc ?? j.LastChangeUtc ?? j.RegisteredUtc) >= since)
            {
                failed++;
            }

            if (j.State == JobState.Completed && (j.EndedUtc ?? j.LastChangeUtc ?? j.RegisteredUtc) >= since)
            {
                completed++;
            }

            if (j.IsOverdue && j.IsRunning)
            {
                overdue++;
            }

            if (j.IsStale)
            {
                stale++;
            }

            if (j.Phase == PollPhase.NotFound)
            {
                notFound++;
            }
        }

        return new JobCounters(running, failed, completed, stale, notFound, overdue);
    }
}
