using TaskWatch.Core;

namespace TaskWatch.Live;

/// <summary>
/// <see cref="JobCounters"/> kept up to date view by view: a change moves the counts of the job's old
/// view out and of its new view in, so the counters of 10,000 jobs cost nothing per batch. Only the
/// 24-hour counts depend on the clock: they are counted over the finished jobs alone when asked.
/// Not thread-safe; the owner serializes access.
/// </summary>
internal sealed class JobTally
{
    private readonly Dictionary<JobKey, JobView> _finished = new(JobKeyComparer.Instance);
    private int _running;
    private int _stale;
    private int _notFound;
    private int _overdue;

    /// <summary>Counts <paramref name="view"/> in (<paramref name="sign"/> 1) or out (−1).</summary>
    public void Add(JobView view, int sign)
    {
        if (view.IsRunning)
        {
            _running += sign;
            if (view.IsOverdue)
            {
                _overdue += sign;
            }
        }

        if (view.IsStale)
        {
            _stale += sign;
        }

        if (view.Phase == PollPhase.NotFound)
        {
            _notFound += sign;
        }

        if (view.State is JobState.Failed or JobState.Completed)
        {
            if (sign > 0)
            {
                _finished[view.Key] = view;
            }
            else
            {
                _finished.Remove(view.Key);
            }
        }
    }

    public JobCounters Counters(DateTime nowUtc)
    {
        var since = nowUtc - JobCounters.FinishedWindow;
        int failed = 0, completed = 0, unacknowledged = 0;
        foreach (var j in _finished.Values)
        {
            if (JobCounters.FinishedSince(j, since))
            {
                if (j.State == JobState.Failed)
                {
                    failed++;
                    unacknowledged += j.Ack is null ? 1 : 0;
                }
                else
                {
                    completed++;
                }
            }
        }

        return new JobCounters(_running, failed, completed, _stale, _notFound, _overdue) { FailedUnacknowledged = unacknowledged };
    }
}
