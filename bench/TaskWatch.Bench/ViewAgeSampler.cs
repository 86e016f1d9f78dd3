using System.Collections.Concurrent;
using TaskWatch.Simulator;

namespace TaskWatch.Bench;

/// <summary>
/// How old each running job's view is where the cloud stands: the time since the simulator last
/// answered with it (a single read or a list row), sampled once a second, kept per 10 s window.
/// </summary>
public sealed class ViewAgeSampler(IReadOnlyList<SimulatedJob> jobs)
{
    private readonly ConcurrentDictionary<string, DateTime> _served = new(StringComparer.OrdinalIgnoreCase);

    public List<double> OldestPerWindow { get; } = [];

    public List<double> P95PerWindow { get; } = [];

    /// <summary>Hooked to <see cref="TaskCenterSimulator.Served"/>.</summary>
    public void Served(SimulatedJob job, DateTime at) => _served[job.Id] = at;

    public void Clear() => _served.Clear();

    /// <summary>Jobs the simulator has answered about since the last <see cref="Clear"/>.</summary>
    public int ServedCount => jobs.Count(j => _served.ContainsKey(j.Id));

    /// <summary>Samples every second from <paramref name="from"/> to <paramref name="to"/>; a job never served counts from <paramref name="start"/>.</summary>
    public async Task SampleAsync(DateTime start, DateTime from, DateTime to)
    {
        var wait = from - DateTime.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        var window = new List<double>();
        var windowEnd = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < to)
        {
            var now = DateTime.UtcNow;
            window.AddRange(jobs.Where(j => j.StateAt(now) == TaskWatch.Core.JobState.Running)
                .Select(j => (now - (_served.TryGetValue(j.Id, out var at) ? at : start)).TotalSeconds));
            if (now >= windowEnd)
            {
                OldestPerWindow.Add(window.Max());
                P95PerWindow.Add(Samples.Percentile(window, 95));
                window.Clear();
                windowEnd += TimeSpan.FromSeconds(10);
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        if (window.Count > 0)
        {
            OldestPerWindow.Add(window.Max());
            P95PerWindow.Add(Samples.Percentile(window, 95));
        }
    }
}
