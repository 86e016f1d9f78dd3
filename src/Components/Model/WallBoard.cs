using TaskWatch.Core;
using TaskWatch.Live;

namespace TaskWatch.Components.Model;

/// <summary>
/// What the wall shows: running jobs as tiles, failures of the last 24 h, and the counters. A
/// failure stays visible while its instance has a job running, even when older than a day, so
/// a retry is read next to what went wrong before. Failures nobody has acknowledged come first
/// (newest first), then those someone is on. More tiles than fit are paged.
/// </summary>
public sealed record WallBoard(IReadOnlyList<WallTile> Running, IReadOnlyList<JobView> Failures, JobCounters Counters)
{
    /// <summary>What fits on the screen (the browser measures it; <see cref="WallFit.Default"/> until then).</summary>
    public WallFit Fit { get; init; } = WallFit.Default;

    public int TilesPerPage => Fit.Tiles;

    public int FailuresShown => Math.Min(Fit.Failures, Failures.Count);

    /// <summary>Failures that did not fit: "and N more".</summary>
    public int FailuresHidden => Failures.Count - FailuresShown;

    public bool IsCalm => Running.Count == 0 && Failures.Count == 0;

    /// <summary>Failures shown that nobody has taken yet.</summary>
    public int Unacknowledged => Failures.Count(f => f.Ack is null);

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

    public static WallBoard Build(IEnumerable<JobView> jobs, WallQuery query, DateTime nowUtc, WallFit? fit = null)
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
            .OrderBy(j => j.Ack is null ? 0 : 1).ThenByDescending(Ended).ThenBy(j => j.Key.JobId, StringComparer.Ordinal)
            .ToList();
        return new WallBoard(running, failures, JobCounters.From(mine, nowUtc)) { Fit = fit ?? WallFit.Default };
    }

    private static DateTime Ended(JobView j) => j.EndedUtc ?? j.LastChangeUtc ?? j.RegisteredUtc;
}
