using TaskWatch.Core;

namespace TaskWatch.Insight;

/// <summary>
/// What TaskWatch knows of one database instance: every job seen on it (newest first; the live view where the job
/// is still tracked), the one running now and since when (the cloud runs one operation at a time per instance, so
/// "busy" is what to know before a retry), its failures, and the usual duration of each kind of job on it.
/// </summary>
public sealed record InstanceReport(
    string Project,
    string InstanceId,
    string? InstanceName,
    IReadOnlyList<JobView> Running,
    int Total,
    IReadOnlyList<JobView> Jobs,
    int Failures,
    IReadOnlyList<InstanceKind> Kinds)
{
    public bool IsBusy => Running.Count > 0;

    /// <summary>Since when the instance is busy: the start of the earliest job running on it.</summary>
    public DateTime? BusySinceUtc => Running.Select(j => j.CreatedUtc ?? j.RegisteredUtc).DefaultIfEmpty().Min() is var t && t != default ? t : null;

    /// <param name="stored">The stored jobs of the instance, newest first (a page of them).</param>
    /// <param name="finished">Its stored finished jobs (failures and durations are counted over them).</param>
    /// <param name="live">Every job shown live now: those of this instance replace their stored rows and say what runs.</param>
    public static InstanceReport Build(string project, string instanceId, int total, IReadOnlyList<JobView> stored, IReadOnlyList<JobView> finished, IEnumerable<JobView> live)
    {
        var mine = live.Where(j => OnInstance(j, project, instanceId)).ToDictionary(j => j.Key, JobKeyComparer.Instance);
        var jobs = stored.Select(j => mine.GetValueOrDefault(j.Key) ?? j).ToList();
        // A job the poller saw on the instance but the writer has not stored yet.
        foreach (var extra in mine.Values.Where(v => !jobs.Any(j => JobKeyComparer.Instance.Equals(j.Key, v.Key))))
        {
            jobs.Add(extra);
            total++;
        }

        jobs = [.. jobs.OrderByDescending(j => j.CreatedUtc ?? j.RegisteredUtc).ThenBy(j => j.Key.JobId, StringComparer.Ordinal)];
        var done = finished.Select(j => mine.GetValueOrDefault(j.Key) ?? j).Where(j => j.State is JobState.Completed or JobState.Failed).ToList();
        var kinds = done.GroupBy(j => string.IsNullOrWhiteSpace(j.Name) ? "(no name)" : j.Name.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(g => new InstanceKind(g.Key, g.Count(), g.Count(j => j.State == JobState.Failed), Typical(g.Where(j => j.State == JobState.Completed))))
            .OrderByDescending(k => k.Runs).ThenBy(k => k.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var name = jobs.Select(j => j.InstanceName).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n));
        return new InstanceReport(project, instanceId, name, [.. mine.Values.Where(j => j.IsRunning).OrderBy(j => j.CreatedUtc ?? j.RegisteredUtc)],
            total, jobs, done.Count(j => j.State == JobState.Failed), kinds);
    }

    private static bool OnInstance(JobView j, string project, string instanceId) =>
        string.Equals(j.Key.Project, project, StringComparison.OrdinalIgnoreCase) && string.Equals(j.InstanceId, instanceId, StringComparison.Ordinal);

    private static TypicalDuration? Typical(IEnumerable<JobView> completed)
    {
        var durations = completed.Where(j => j is { CreatedUtc: not null, EndedUtc: not null } && j.EndedUtc >= j.CreatedUtc)
            .Select(j => j.EndedUtc!.Value - j.CreatedUtc!.Value).Order().ToList();
        return durations.Count == 0 ? null : new TypicalDuration(durations.Count, Percentile(durations, 0.5), Percentile(durations, 0.9));
    }

    private static TimeSpan Percentile(List<TimeSpan> sorted, double p) => sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
