using Microsoft.EntityFrameworkCore;
using TaskWatch.Storage;

namespace TaskWatch.Alerts;

/// <summary>The latest deliveries, newest first, for the alerts page and the API: as read models, never the EF rows.</summary>
public sealed class AlertDeliveryLog(IDbContextFactory<TaskWatchDbContext> dbFactory)
{
    public const int MaxTake = 1000;

    public async Task<List<AlertDeliveryResponse>> RecentAsync(int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.AlertDeliveries.AsNoTracking()
            .OrderByDescending(d => d.Id)
            .Take(Math.Clamp(take, 1, MaxTake))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(d => new AlertDeliveryResponse(
            d.Id, d.Project, d.JobId, d.JobName, d.Event, d.Rule, d.Channel, d.Status.ToString(), d.Attempts, d.CreatedUtc, d.LastAttemptUtc, d.DeliveredUtc, d.LastError))];
    }
}
