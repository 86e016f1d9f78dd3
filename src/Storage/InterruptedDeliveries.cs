using Microsoft.EntityFrameworkCore;

namespace TaskWatch.Storage;

/// <summary>
/// Alert deliveries left <see cref="AlertDeliveryStatus.Pending"/> by a TaskWatch that stopped mid-send: they are
/// marked failed and never sent again (at most once). Only the instance that made a claim may be sending it, so
/// these are closed where that instance is known to be gone: at start-up of the only instance (SQLite), and by
/// the instance that takes an account over (PostgreSQL), for that account's projects.
/// </summary>
public static class InterruptedDeliveries
{
    public const string Reason = "TaskWatch stopped during delivery; not resent (at most once)";

    /// <summary>Closes the pending deliveries of <paramref name="projects"/> (null: of every project); returns how many.</summary>
    public static Task<int> CloseAsync(TaskWatchDbContext db, IReadOnlyCollection<string>? projects, CancellationToken cancellationToken)
    {
        var pending = db.AlertDeliveries.Where(d => d.Status == AlertDeliveryStatus.Pending);
        if (projects is not null)
        {
            pending = pending.Where(d => projects.Contains(d.Project));
        }

        return pending.ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, AlertDeliveryStatus.Failed).SetProperty(d => d.LastError, Reason), cancellationToken);
    }
}
