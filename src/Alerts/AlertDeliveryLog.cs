using Microsoft.EntityFrameworkCore;
using TaskWatch.Storage;

namespace TaskWatch.Alerts;

/// <summary>The latest deliveries, newest first, for the alerts page and the API.</summary>
public sealed class AlertDeliveryLog(IDbContextFactory<TaskWatchDbContext> dbFactory)
{
    public const int MaxTake = 1000;

    public async Task<List<AlertDelivery>> RecentAsync(int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.AlertDeliveries.AsNoTracking()
            .OrderByDescending(d => d.Id)
            .Take(Math.Clamp(take, 1, MaxTake))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
