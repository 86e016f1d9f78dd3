using System.Collections.ObjectModel;
using TaskWatch.Live;

namespace TaskWatch.Components.Model;

/// <summary>
/// One dashboard's filtered and sorted rows, kept up to date change by change: a live batch moves only
/// the rows it touches (found by binary search in the sorted list) instead of re-filtering and
/// re-sorting every tracked job on every batch. The rows are the live store's own immutable views,
/// shared by every open dashboard; a dashboard holds references, never copies.
/// </summary>
public sealed class DashboardRows
{
    private readonly List<JobView> _rows = [];
    private readonly Dictionary<JobKey, JobView> _shown = new(JobKeyComparer.Instance);
    private IComparer<JobView> _order;

    public DashboardRows(DashboardFilter filter)
    {
        Filter = filter;
        _order = Order(filter);
        Rows = _rows.AsReadOnly();
    }

    public DashboardFilter Filter { get; private set; }

    /// <summary>The rows in display order; the same collection throughout, changed in place.</summary>
    public ReadOnlyCollection<JobView> Rows { get; }

    public bool Shows(JobKey key) => _shown.ContainsKey(key);

    /// <summary>Filters and sorts every job from scratch (first load, a new filter or sort).</summary>
    public void Reset(IEnumerable<JobView> all, DashboardFilter? filter = null)
    {
        if (filter is not null && filter != Filter)
        {
            Filter = filter;
            _order = Order(filter);
        }

        _rows.Clear();
        _shown.Clear();
        foreach (var view in all)
        {
            if (JobViewFilter.Matches(view, Filter))
            {
                _rows.Add(view);
                _shown[view.Key] = view;
            }
        }

        _rows.Sort(_order);
    }

    /// <summary>
    /// Brings the rows of the changed jobs up to date with <paramref name="current"/> (the live store's
    /// view now, or null for a job no longer tracked). Returns whether any row moved, came, went or changed.
    /// </summary>
    public bool Apply(IEnumerable<JobKey> changed, Func<JobKey, JobView?> current)
    {
        var any = false;
        foreach (var key in changed)
        {
            any |= Update(key, current(key));
        }

        return any;
    }

    private bool Update(JobKey key, JobView? now)
    {
        var before = _shown.GetValueOrDefault(key);
        if (ReferenceEquals(before, now))
        {
            return false;
        }

        var show = now is not null && JobViewFilter.Matches(now, Filter);
        if (before is null)
        {
            if (!show)
            {
                return false;
            }

            Insert(now!);
            return true;
        }

        var index = IndexOf(before);
        if (!show)
        {
            _rows.RemoveAt(index);
            _shown.Remove(key);
            return true;
        }

        _shown[now!.Key] = now;
        // Most changes (progress, a poll time) keep a row's place: replace it where it stands.
        if ((index == 0 || _order.Compare(_rows[index - 1], now) < 0) && (index == _rows.Count - 1 || _order.Compare(now, _rows[index + 1]) < 0))
        {
            _rows[index] = now;
            return true;
        }

        _rows.RemoveAt(index);
        Insert(now);
        return true;
    }

    private void Insert(JobView view)
    {
        var at = _rows.BinarySearch(view, _order);
        _rows.Insert(at < 0 ? ~at : at, view);
        _shown[view.Key] = view;
    }

    private int IndexOf(JobView shown)
    {
        var index = _rows.BinarySearch(shown, _order);
        // The order is total (ties broken by key), so the search finds the very view; the scan is a safety net.
        return index >= 0 && ReferenceEquals(_rows[index], shown) ? index : _rows.IndexOf(shown);
    }

    private static IComparer<JobView> Order(DashboardFilter filter) => Comparer<JobView>.Create(JobSort.Comparer(filter.Sort, filter.Descending));
}
