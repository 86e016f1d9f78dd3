using Microsoft.Extensions.Options;
using TaskWatch.Core;
using TaskWatch.Storage;
using TaskWatch.Tracking;

namespace TaskWatch.Insight;

/// <summary>
/// Learns each completed run's duration as it is stored, and gives every running job's view its
/// ETA and overdue mark. In memory only: seeded once at start-up from the stored completed jobs.
/// </summary>
public sealed class JobInsight : IJobViewEnricher
{
    private readonly TimeProvider _time;
    private readonly EtaEstimator _eta;
    private readonly OverdueRule _overdue;

    public JobInsight(IOptions<InsightOptions> options, TimeProvider time)
    {
        var o = options.Value;
        _time = time;
        History = new DurationHistory(o.HistorySize, o.MinimumRuns);
        _eta = new EtaEstimator(o.MinimumRuns, o.StallAfter);
        _overdue = new OverdueRule(o.MinimumRuns, o.OverdueFactor, o.StallAfter);
    }

    public DurationHistory History { get; }

    public JobView Enrich(JobChange change, JobView view)
    {
        var key = DurationKeyReader.From(view.Service, view.Name, change.Job?.Entities?.RawJson ?? change.Snapshot?.EntitiesJson ?? change.Previous?.EntitiesJson);
        if (view is { State: JobState.Completed, Phase: PollPhase.Done, CreatedUtc: { } created, EndedUtc: { } ended })
        {
            // Done is published once per job (it is never polled again): each run is learned once.
            History.Add(key, ended - created);
        }

        return Describe(view, key, _time.GetUtcNow().UtcDateTime);
    }

    /// <summary>The view with its ETA and overdue mark as of <paramref name="now"/>; a job not running gets none.</summary>
    public JobView Describe(JobView view, DurationKey key, DateTime now)
    {
        if (!view.IsRunning)
        {
            return view.Eta is null && !view.IsOverdue ? view : view with { Eta = null, IsOverdue = false, OverdueReason = null };
        }

        var typical = History.Typical(key);
        var moved = view.LastChangeUtc ?? view.CreatedUtc;
        var reason = _overdue.Check(view.CreatedUtc, view.Progress, moved, typical, now);
        return view with
        {
            Eta = _eta.Estimate(view.CreatedUtc, view.Progress, moved, typical, now),
            IsOverdue = reason is not null,
            OverdueReason = reason,
        };
    }
}
