using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TaskWatch.Storage;
using TaskWatch.Tracking;

namespace TaskWatch.Operations;

/// <summary>The database answers a query, and the writer's last batch went in.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<TaskWatchDbContext> dbFactory, StorageHealth storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await db.TrackedJobs.AnyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The database cannot be read: " + ex.GetBaseException().Message);
        }

        return storage.Problem is { } problem
            ? HealthCheckResult.Unhealthy($"{problem} ({storage.PendingChanges} results waiting)")
            : HealthCheckResult.Healthy("The database is readable and the last write succeeded.");
    }
}
