using TaskWatch.Core;

namespace TaskWatch.Components.Model;

/// <summary>
/// The rows a virtualized grid last asked for (its window: what is on screen and a few either side) and where that
/// window ends, so that a live batch that touches none of them needs no render (<see cref="DashboardRowsUpdate.Moves"/>, <see cref="DashboardRowsUpdate.Changes"/>).
/// A job that stays in the window keeps its <see cref="DashboardGridRow"/>.
/// </summary>
public sealed class DashboardGridWindow
{
    private Dictionary<JobKey, DashboardGridRow> _rows = new(JobKeyComparer.Instance);

    /// <summary>The jobs in the window, in the grid's order.</summary>
    public IReadOnlyList<JobView> Shown { get; private set; } = [];

    /// <summary>The index of the window's first row, as the grid asked.</summary>
    public int Start { get; private set; }

    /// <summary>The index after the window's last row, as the grid asked (it may lie beyond the rows).</summary>
    public int End { get; private set; }

    /// <summary>Takes the window of <paramref name="count"/> rows from <paramref name="start"/> out of <paramref name="rows"/>.</summary>
    public IReadOnlyList<DashboardGridRow> Take(IReadOnlyList<JobView> rows, int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var from = Math.Min(start, rows.Count);
        var shown = new JobView[Math.Min(count, rows.Count - from)];
        var window = new DashboardGridRow[shown.Length];
        var kept = new Dictionary<JobKey, DashboardGridRow>(shown.Length, JobKeyComparer.Instance);
        for (var i = 0; i < shown.Length; i++)
        {
            var view = rows[from + i];
            shown[i] = view;
            if (_rows.TryGetValue(view.Key, out var row))
            {
                row.View = view;
            }
            else
            {
                row = new DashboardGridRow(view);
            }

            kept[view.Key] = row;
            window[i] = row;
        }

        _rows = kept;
        Shown = shown;
        Start = start;
        End = start + count;
        return window;
    }

    /// <summary>
    /// Gives the window's rows the latest views of their jobs, in place, when no row moved in it (the same jobs stand at
    /// the same indexes of <paramref name="rows"/>): the grid, which holds these row objects, then shows them by rendering
    /// again, without asking for its window afresh. False, and nothing changed, when a job moved: the grid must ask.
    /// </summary>
    public bool Refresh(IReadOnlyList<JobView> rows)
    {
        if (Start + Shown.Count > rows.Count)
        {
            return false;
        }

        for (var i = 0; i < Shown.Count; i++)
        {
            if (!JobKeyComparer.Instance.Equals(rows[Start + i].Key, Shown[i].Key))
            {
                return false;
            }
        }

        var shown = new JobView[Shown.Count];
        for (var i = 0; i < shown.Length; i++)
        {
            shown[i] = rows[Start + i];
            _rows[shown[i].Key].View = shown[i];
        }

        Shown = shown;
        return true;
    }
}
