using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TaskWatch.Storage;
using TaskWatch.Tracking;

namespace TaskWatch.Operations;

/// <summary>
/// The database answers a query, and the writer's last batch went in. <c>/healthz</c> is open without a key: it says
/// which kind of failure (<see cref="DatabaseFailure"/>), the exception with its host, user or path goes to the log.
/// </summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<TaskWatchDbContext> dbFactory, StorageHealth storage, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    /// <summary>The key of the failure's category in the check's data (written to the answer as <c>category</c>).</summary>
    public const string CategoryKey = "category";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await db.TrackedJobs.AnyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var category = DatabaseFailure.Categorize(ex);
            logger.LogError(ex, "The database health check failed ({Category})", category);
            return HealthCheckResult.Unhealthy($"The database cannot be read: {category}.", data: new Dictionary<string, object> { [CategoryKey] = category });
        }

        return storage.Problem is { } problem
            ? HealthCheckResult.Unhealthy($"{problem} ({storage.PendingChanges} results waiting)", data: storage.Category is { } c ? new Dictionary<string, object> { [CategoryKey] = c } : null)
            : HealthCheckResult.Healthy("The database is readable and the last write succeeded.");
    }
}
