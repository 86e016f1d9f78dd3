using System.Collections.Concurrent;
using TaskWatch.Core;
using TaskWatch.Simulator;

namespace TaskWatch.Bench;

/// <summary>
/// What TaskWatch can show of jobs that live and end, judged where the cloud stands (issue 28): a job
/// is shown as running until the simulator has answered with it ended; its view is as old as the
/// time since the simulator last answered with it (so a job that ended after its last read counts
/// from that read, not from its end); an end is shown when the first answer that carried it went
/// out. Samples once a second: the oldest view per 10 s window, whether some view was older than the
/// polling interval in each whole minute, and the sweep limit (the unfiltered list pages that cover,
/// per project, every job created since the oldest one shown as running, at one call a second).
/// </summary>
public sealed class JobLifeSampler(TimeSpan interval, double callsPerSecond)
{
    private readonly ConcurrentDictionary<string, Tracked> _jobs = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SimulatedProject> _projects = new(StringComparer.OrdinalIgnoreCase);

    public List<double> OldestPerWindow { get; } = [];

    public List<double> P95PerWindow { get; } = [];

    /// <summary>Whole minutes from the start of sampling: whether some view was older than the interval in it.</summary>
    public List<bool> BehindPerMinute { get; } = [];

    public double LargestSweepLimit { get; private set; }

    public int RegisteredCount => _jobs.Count;

    /// <summary>What TaskWatch holds of a job (its schedule), told when the job has the run's oldest view so far.</summary>
    public Func<SimulatedJob, string>? Describe { get; set; }

    /// <summary>The job with the run's oldest view, as <see cref="Describe"/> told it at that moment.</summary>
    public string? OldestDescribed { get; private set; }

    private double _oldest;

    /// <summary>A job TaskWatch was asked to track, from this moment.</summary>
    public void Registered(SimulatedJob job, SimulatedProject project, DateTime at)
    {
        _projects.TryAdd(project.ProjectId, project);
        _jobs.TryAdd(job.Id, new Tracked(job, project, at));
    }

    public bool WasServed(SimulatedJob job) => _jobs.TryGetValue(job.Id, out var t) && t.LastServedUtc is not null;

    /// <summary>Hooked to <see cref="TaskCenterSimulator.Served"/>.</summary>
    public void Served(SimulatedJob job, DateTime at)
    {
        if (_jobs.TryGetValue(job.Id, out var tracked))
        {
            lock (tracked)
            {
                tracked.LastServedUtc = at;
                if (job.StateAt(at) != JobState.Running)
                {
                    tracked.EndServedUtc ??= at;
                }
            }
        }
    }

    /// <summary>Seconds from each end within [from, to] to the first answer that carried it (to the end of the run when none did).</summary>
    public List<double> EndShownAfter(DateTime from, DateTime to, DateTime runEnd) =>
        [.. _jobs.Values
            .Select(t => (t, Ended: t.Job.EndedAt(runEnd)))
            .Where(x => x.Ended is { } e && e >= from && e <= to && e >= x.t.RegisteredUtc)
            .Select(x => ((x.t.EndServedUtc ?? runEnd) - x.Ended!.Value).TotalSeconds)];

    /// <summary>Jobs that ended before <paramref name="at"/> and were never answered ended.</summary>
    public IEnumerable<SimulatedJob> EndedUnshown(DateTime at) => _jobs.Values.Where(t => t.Job.EndedAt(at) is not null && t.EndServedUtc is null).Select(t => t.Job);

    /// <summary>The oldest view of the windows before the measured time (<c>measureFrom</c> of <see cref="SampleAsync"/>); NaN without one.</summary>
    public double WarmUpOldest { get; private set; } = double.NaN;

    /// <param name="measureFrom">
    /// Windows that end by then are a warm-up: their oldest view goes to <see cref="WarmUpOldest"/>, not to the
    /// measured windows or <see cref="OldestDescribed"/>.
    /// </param>
    public async Task SampleAsync(DateTime from, DateTime to, CancellationToken cancellationToken, DateTime? measureFrom = null)
    {
        var wait = from - DateTime.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }

        var window = new List<double>();
        var windowEnd = from + TimeSpan.FromSeconds(10);
        var minuteEnd = from + TimeSpan.FromMinutes(1);
        var behind = false;
        while (DateTime.UtcNow < to)
        {
            var now = DateTime.UtcNow;
            var shown = ShownRunning(now).ToList();
            window.AddRange(shown.Select(s => s.Age));
            if (shown.Count > 0 && now >= measureFrom.GetValueOrDefault() && shown.MaxBy(s => s.Age) is var (oldestJob, age) && age > _oldest)
            {
                _oldest = age;
                OldestDescribed = $"{age:0.0} s at +{(now - from).TotalSeconds:0} s: {Describe?.Invoke(oldestJob.Job)}";
            }

            behind |= shown.Any(s => s.Age > interval.TotalSeconds);
            LargestSweepLimit = Math.Max(LargestSweepLimit, SweepLimit(shown.Select(s => s.Tracked), now));
            if (now >= windowEnd)
            {
                if (windowEnd <= measureFrom.GetValueOrDefault())
                {
                    WarmUpOldest = window.Count == 0 ? WarmUpOldest : double.IsNaN(WarmUpOldest) ? window.Max() : Math.Max(WarmUpOldest, window.Max());
                    window.Clear();
                }

                Close(window);
                windowEnd += TimeSpan.FromSeconds(10);
            }

            if (now >= minuteEnd)
            {
                BehindPerMinute.Add(behind);
                behind = false;
                minuteEnd += TimeSpan.FromMinutes(1);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        Close(window);
        if (DateTime.UtcNow >= minuteEnd - TimeSpan.FromSeconds(2))
        {
            BehindPerMinute.Add(behind); // the last minute, closed by the end of sampling
        }
    }

    private void Close(List<double> window)
    {
        if (window.Count > 0)
        {
            OldestPerWindow.Add(window.Max());
            P95PerWindow.Add(Samples.Percentile(window, 95));
            window.Clear();
        }
    }

    /// <summary>Jobs TaskWatch can only show as running (or waiting to appear) now, with the age of what it has.</summary>
    private IEnumerable<(Tracked Tracked, double Age)> ShownRunning(DateTime now)
    {
        foreach (var t in _jobs.Values)
        {
            DateTime since;
            lock (t)
            {
                var visible = t.Job.CreatedUtc + t.Job.Invisible;
                if (t.EndServedUtc is not null || visible > now)
                {
                    continue; // shown ended, or the cloud does not show it yet either
                }

                since = t.LastServedUtc ?? (visible > t.RegisteredUtc ? visible : t.RegisteredUtc);
            }

            yield return (t, (now - since).TotalSeconds);
        }
    }

    private double SweepLimit(IEnumerable<Tracked> shown, DateTime now)
    {
        var pages = 0;
        foreach (var group in shown.GroupBy(t => t.Project.ProjectId))
        {
            var project = group.First().Project;
            var from = group.Min(t => t.Job.CreatedUtc);
            var inWindow = _jobs.Values.Count(t => t.Project.ProjectId == project.ProjectId && t.Job.CreatedUtc >= from && t.Job.IsVisible(now));
            var pageSize = project.Service == CloudService.Rds ? 50 : 100;
            pages += (inWindow + pageSize - 1) / pageSize;
        }

        return pages / callsPerSecond;
    }

    private sealed class Tracked(SimulatedJob job, SimulatedProject project, DateTime registeredUtc)
    {
        public SimulatedJob Job { get; } = job;

        public SimulatedProject Project { get; } = project;

        public DateTime RegisteredUtc { get; } = registeredUtc;

        public DateTime? LastServedUtc { get; set; }

        public DateTime? EndServedUtc { get; set; }
    }
}
