using TaskWatch.Core;

namespace TaskWatch.Components.Model;

/// <summary>
/// The rows a virtualized grid last asked for (its window: what is on screen and a few either side) and where that
/// window ends, so that a live batch that touches none of them needs no render (<see cref="DashboardRowsUpdate.Touches"/>).
/// A job that stays in the window keeps its <see cref="DashboardGridRow"/>.
/// </summary>
public sealed class DashboardGridWindow
{
    private Dictionary<JobKey, DashboardGridRow> _rows = new(JobKeyComparer.Instance);

    /// <summary>The jobs in the window, in the grid's order.</summary>
    public IReadOnlyList<JobView> Shown { get; private set; } = [];

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
        End = start + count;
        return window;
    }
}
