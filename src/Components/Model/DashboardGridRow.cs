using TaskWatch.Core;

namespace TaskWatch.Components.Model;

/// <summary>
/// A job's row in the dashboard's grid: one object for as long as the job stays in the grid's window, holding its
/// latest view. MudDataGrid keys each row element by its item, and a <see cref="JobView"/> (a record) is a new, unequal
/// value after every change: keyed by it, each live change would replace the row's elements, and the focus in them.
/// </summary>
public sealed class DashboardGridRow(JobView view)
{
    public JobView View { get; internal set; } = view;
}
