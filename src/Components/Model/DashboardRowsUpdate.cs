using TaskWatch.Core;

namespace TaskWatch.Components.Model;

/// <summary>
/// What one live batch did to a dashboard's rows, so that a page showing only a window of them can tell
/// whether its window is touched. <see cref="FirstMoved"/> is the lowest index at which a row came, went
/// or moved (every row from there on may stand elsewhere), or <see cref="int.MaxValue"/>;
/// <see cref="Changed"/> holds the jobs whose row came or looks different. A row whose job changed only
/// in what no row shows (the poll times) is replaced silently and counts in neither.
/// </summary>
public sealed record DashboardRowsUpdate(int FirstMoved, IReadOnlyList<JobKey> Changed)
{
    public static readonly DashboardRowsUpdate None = new(int.MaxValue, []);

    public bool Any => FirstMoved != int.MaxValue || Changed.Count > 0;

    /// <summary>Whether a row came, went or moved before index <paramref name="end"/>: the window's rows shift.</summary>
    public bool Moves(int end) => FirstMoved < end;

    /// <summary>Whether one of the <paramref name="shown"/> rows looks different.</summary>
    public bool Changes(IReadOnlyList<JobView> shown) =>
        Changed.Count > 0 && shown.Any(v => Changed.Contains(v.Key, JobKeyComparer.Instance));
}
