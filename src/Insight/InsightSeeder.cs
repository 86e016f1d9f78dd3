using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TaskWatch.Core;
using TaskWatch.Storage;

namespace TaskWatch.Insight;

/// <summary>
/// Fills the duration history once at start-up from the latest completed jobs in the database;
/// from then on each completion is learned as it is stored.
/// </summary>
public sealed class InsightSeeder(
    JobInsight insight,
    IDbContextFactory<TaskWatchDbContext> dbFactory,
    IOptions<InsightOptions> options,
    ILogger<InsightSeeder> logger) : IHostedService
{
    /// <summary>Enough rows for many kinds' rings without reading a years-long history.</summary>
    private const int MaxRows = 50_000;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var limit = Math.Min(MaxRows, options.Value.HistorySize * 1000);
            var rows = await db.TrackedJobs.AsNoTracking()
                .Where(j => j.State == JobState.Completed && j.CreatedUtc != null && j.EndedUtc != null)
                .OrderByDescending(j => j.EndedUtc)
                .Take(limit)
                .Select(j => new { j.Service, j.Name, j.EntitiesJson, j.CreatedUtc, j.EndedUtc })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            // Oldest first, so each ring ends up holding the latest runs.
            for (var i = rows.Count - 1; i >= 0; i--)
            {
                var r = rows[i];
                insight.History.Add(DurationKeyReader.From(r.Service, r.Name, r.EntitiesJson), r.EndedUtc!.Value - r.CreatedUtc!.Value);
            }

            logger.LogInformation("Learned typical durations from {Count} completed jobs ({Kinds} kinds)", rows.Count, insight.History.Kinds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Without history there are no ETAs yet; tracking itself must not fail for it.
            logger.LogError(ex, "Reading completed jobs for typical durations failed; ETAs start from scratch");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
