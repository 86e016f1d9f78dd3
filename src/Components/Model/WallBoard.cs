using TaskWatch.Cloud;
using TaskWatch.Live;

namespace TaskWatch.Components.Model;

/// <summary>
/// What the wall shows: running jobs as tiles, failures of the last 24 h, and the counters. A
/// failure stays visible while its instance has a job running, even when older than a day, so
/// a retry is read next to what went wrong before. More tiles than fit are paged.
/// </summary>
public sealed record WallBoard(IReadOnlyList<WallTile> Running, IReadOnlyList<JobView> Failures, JobCounters Counters)
{
    /// <summary>How many tiles a 1920×1080 screen holds at the smallest tile size.</summary>
    public const int TilesPerPage = 18;

    public const int FailuresShown = 8;

    public bool IsCalm => Running.Count == 0 && Failures.Count == 0;

    public int PageCount => Math.Max(1, (Running.Count + TilesPerPage - 1) / TilesPerPage);

    /// <summary>Tile size by how many there are: few large ones, many small ones.</summary>
    public string Density => Running.Count switch
    {
        <= 4 => "large",
        <= 8 => "medium",
        _ => "small",
    };

    public IReadOnlyList<WallTile> Page(int index)
    {
        var page = ((index % PageCount) + PageCount) % PageCount;
        return Running.Skip(page * TilesPerPage).Take(TilesPerPage).ToList();
    }

    public static WallBoard Build(IEnumerable<JobView> jobs, WallQuery query, DateTime nowUtc)
    {
        var mine = jobs.Where(query.Matches).ToList();
        var since = nowUtc.AddHours(-24);
        var lastFailureByInstance = mine
            .Where(j => j.State == JobState.Failed && j.InstanceId is not null)
            .GroupBy(j => j.InstanceId!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.MaxBy(Ended)!, StringComparer.OrdinalIgnoreCase);

        var running = mine.Where(j => j.IsRunning)
            .OrderBy(j => j.CreatedUtc ?? j.RegisteredUtc).ThenBy(j => j.Key.JobId, StringComparer.Ordinal)
            .Select(j => new WallTile(j, j.InstanceId is { } id ? lastFailureByInstance.GetValueOrDefault(id) : null))
            .ToList();
        var runningInstances = running.Select(t => t.Job.InstanceId).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var failures = mine
            .Where(j => j.State == JobState.Failed && (Ended(j) >= since || (j.InstanceId is { } id && runningInstances.Contains(id))))
            .OrderByDescending(Ended).ThenBy(j => j.Key.JobId, StringComparer.Ordinal)
            .ToList();
        return new WallBoard(running, failures, JobCounters.From(mine, nowUtc));
    }

    private static DateTime Ended(JobView j) => j.EndedUtc ?? j.LastChangeUtc ?? j.RegisteredUtc;
}
