using TaskWatch.Core;

namespace TaskWatch.Live;

/// <summary>The dashboard's and the wall's headline numbers.</summary>
public sealed record JobCounters(int Running, int Failed24h, int Completed24h, int Stale, int NotFound, int Overdue = 0)
{
    /// <summary>Of <see cref="Failed24h"/>, those nobody has acknowledged: what still needs someone.</summary>
    public int FailedUnacknowledged { get; init; }

    public static readonly TimeSpan FinishedWindow = TimeSpan.FromHours(24);

    /// <summary>Counts <paramref name="jobs"/> from scratch (a filtered set, as the wall's); the live store keeps its own tally (<see cref="LiveJobStore.Counters"/>).</summary>
    public static JobCounters From(IEnumerable<JobView> jobs, DateTime nowUtc)
    {
        int running = 0, failed = 0, completed = 0, stale = 0, notFound = 0, overdue = 0, unacknowledged = 0;
        var since = nowUtc - FinishedWindow;
        foreach (var j in jobs)
        {
            if (j.IsRunning)
            {
                running++;
            }

            if (j.State == JobState.Failed && FinishedSince(j, since))
            {
                failed++;
                unacknowledged += j.Ack is null ? 1 : 0;
            }

            if (j.State == JobState.Completed && FinishedSince(j, since))
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

        return new JobCounters(running, failed, completed, stale, notFound, overdue) { FailedUnacknowledged = unacknowledged };
    }

    /// <summary>Whether a failed or completed job counts in the last 24 h: by when it ended, else when it last changed.</summary>
    internal static bool FinishedSince(JobView j, DateTime sinceUtc) => (j.EndedUtc ?? j.LastChangeUtc ?? j.RegisteredUtc) >= sinceUtc;
}
