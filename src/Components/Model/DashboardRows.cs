using System.Collections.ObjectModel;
using TaskWatch.Core;

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
    /// view now, or null for a job no longer tracked) and says what moved or looks different.
    /// </summary>
    public DashboardRowsUpdate Apply(IEnumerable<JobKey> changed, Func<JobKey, JobView?> current)
    {
        var firstMoved = int.MaxValue;
        List<JobKey>? looks = null;
        foreach (var key in changed)
        {
            var (moved, looksDifferent) = Update(key, current(key));
            firstMoved = Math.Min(firstMoved, moved);
            if (looksDifferent)
            {
                (looks ??= []).Add(key);
            }
        }

        return firstMoved == int.MaxValue && looks is null ? DashboardRowsUpdate.None : new DashboardRowsUpdate(firstMoved, (IReadOnlyList<JobKey>?)looks ?? []);
    }

    /// <summary>The lowest index at which a row came, went or moved (or int.MaxValue), and whether the job's row looks different.</summary>
    private (int Moved, bool LooksDifferent) Update(JobKey key, JobView? now)
    {
        var before = _shown.GetValueOrDefault(key);
        if (ReferenceEquals(before, now))
        {
            return (int.MaxValue, false);
        }

        var show = now is not null && JobViewFilter.Matches(now, Filter);
        if (before is null)
        {
            if (!show)
            {
                return (int.MaxValue, false);
            }

            return (Insert(now!), true);
        }

        var index = IndexOf(before);
        if (!show)
        {
            _rows.RemoveAt(index);
            _shown.Remove(key);
            return (index, false);
        }

        _shown[now!.Key] = now;
        var looksDifferent = !LooksTheSame(before, now);
        // Most changes (progress, a poll time) keep a row's place: replace it where it stands.
        if ((index == 0 || _order.Compare(_rows[index - 1], now) < 0) && (index == _rows.Count - 1 || _order.Compare(now, _rows[index + 1]) < 0))
        {
            _rows[index] = now;
            return (int.MaxValue, looksDifferent);
        }

        _rows.RemoveAt(index);
        return (Math.Min(index, Insert(now)), looksDifferent);
    }

    /// <summary>
    /// Whether a row shows the same for both views: most polls change only the poll times, which no row
    /// shows, and re-rendering (and highlighting) a row for them would be work for nothing. Compared as
    /// "equal apart from the poll times" so that a field added to the view later counts as shown. An
    /// ETA from progress moves with every poll but is shown to the minute.
    /// </summary>
    internal static bool LooksTheSame(JobView before, JobView now) =>
        EtaLooksTheSame(before.Eta, now.Eta)
        && before == now with { LastReadUtc = before.LastReadUtc, NextPollUtc = before.NextPollUtc, LastChangeUtc = before.LastChangeUtc, ErrorSinceUtc = before.ErrorSinceUtc, LastErrorOutcome = before.LastErrorOutcome, Eta = before.Eta };

    // Zone offsets are whole minutes, so the same UTC minute is the same "about HH:mm" in every zone.
    private static bool EtaLooksTheSame(JobEta? before, JobEta? now) =>
        before == now
        || (before is not null && now is not null && before == now with { EtaUtc = before.EtaUtc } && Minute(before.EtaUtc) == Minute(now.EtaUtc));

    private static long? Minute(DateTime? utc) => utc?.Ticks / TimeSpan.TicksPerMinute;

    private int Insert(JobView view)
    {
        var at = _rows.BinarySearch(view, _order);
        at = at < 0 ? ~at : at;
        _rows.Insert(at, view);
        _shown[view.Key] = view;
        return at;
    }

    private int IndexOf(JobView shown)
    {
        var index = _rows.BinarySearch(shown, _order);
        // The order is total (ties broken by key), so the search finds the very view; the scan is a safety net.
        return index >= 0 && ReferenceEquals(_rows[index], shown) ? index : _rows.IndexOf(shown);
    }

    private static IComparer<JobView> Order(DashboardFilter filter) => Comparer<JobView>.Create(JobSort.Comparer(filter.Sort, filter.Descending));
}
