using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TaskWatch.Storage;
using TaskWatch.Tracking;
using TaskWatch.Tracking.Leases;

namespace TaskWatch.Alerts;

/// <summary>
/// Delivers queued alerts off the polling path: claims each (job, event, channel) in the database
/// first — the unique key makes it at most once, across restarts too — then sends, then records how
/// it went. A few deliveries run at once, so one slow receiver does not hold up the others.
/// </summary>
public sealed class AlertDeliveryService(
    AlertQueue queue,
    AlertSetup setup,
    AlertSender sender,
    IDbContextFactory<TaskWatchDbContext> dbFactory,
    PollerMetrics metrics,
    IAccountOwnership ownership,
    TimeProvider time,
    ILogger<AlertDeliveryService> logger) : BackgroundService
{
    private const int Parallel = 4;
    private long _handled;

    /// <summary>Requests finished so far (delivered, failed, or skipped as already claimed): for health and tests.</summary>
    public long Handled => Interlocked.Read(ref _handled);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await CloseInterruptedAsync(stoppingToken).ConfigureAwait(false);
        using var gate = new SemaphoreSlim(Parallel);
        var running = new List<Task>();
        try
        {
            await foreach (var request in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await gate.WaitAsync(stoppingToken).ConfigureAwait(false);
                running.RemoveAll(t => t.IsCompleted);
                running.Add(Task.Run(
                    async () =>
                    {
                        try
                        {
                            await DeliverAsync(request, stoppingToken).ConfigureAwait(false);
                        }
                        finally
                        {
                            gate.Release();
                        }
                    },
                    CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: in-flight deliveries see the cancellation and record it.
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    /// <summary>Sends one alert unless it was claimed before (by this run or an earlier one).</summary>
    public async Task DeliverAsync(AlertRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var row = await ClaimAsync(request, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return;
            }

            var body = AlertPayloads.Build(request, setup.LinkTo(request.Job.Key));
            DeliveryOutcome outcome;
            try
            {
                outcome = await sender.SendAsync(request.Channel, body, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                outcome = new DeliveryOutcome(false, 0, InterruptedDeliveries.Reason);
            }

            metrics.AlertDelivery(outcome.Delivered);
            await RecordAsync(row, outcome).ConfigureAwait(false);
            if (outcome.Delivered)
            {
                logger.LogInformation("Alert {Event} for {Job} delivered to channel {Channel} (host {Host}) after {Attempts} attempts", request.Event, request.Job.Key, request.Channel.Name, request.Channel.Host, outcome.Attempts);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError("Alert {Event} for {Job} to channel {Channel} could not be recorded: {Error}", request.Event, request.Job.Key, request.Channel.Name, ex.GetType().Name);
        }
        finally
        {
            Interlocked.Increment(ref _handled);
        }
    }

    private async Task<AlertDelivery?> ClaimAsync(AlertRequest r, CancellationToken cancellationToken)
    {
        var e = r.LoggedEvent;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var fired = r.Event.ToString();
        if (r.Resolved && !await db.AlertDeliveries.AnyAsync(d => d.Project == r.Job.Key.Project && d.JobId == r.Job.Key.JobId && d.Event == fired && d.Channel == r.Channel.Name && d.Status == AlertDeliveryStatus.Delivered, cancellationToken).ConfigureAwait(false))
        {
            // Nothing fired (or it never arrived): there is nothing to resolve.
            return null;
        }

        if (await db.AlertDeliveries.AnyAsync(d => d.Project == r.Job.Key.Project && d.JobId == r.Job.Key.JobId && d.Event == e && d.Channel == r.Channel.Name, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var row = new AlertDelivery
        {
            Project = r.Job.Key.Project,
            JobId = r.Job.Key.JobId,
            Event = e,
            Channel = r.Channel.Name,
            Rule = r.Rule,
            JobName = r.Job.Name?.Trim(),
            Status = AlertDeliveryStatus.Pending,
            CreatedUtc = r.OccurredUtc,
        };
        db.AlertDeliveries.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return row;
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 } or Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Claimed meanwhile (constraint violation): someone else sends it.
            return null;
        }
    }

    private async Task RecordAsync(AlertDelivery row, DeliveryOutcome outcome)
    {
        // Recorded even during shutdown: a short, separate budget.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await using var db = await dbFactory.CreateDbContextAsync(cts.Token).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        row.Status = outcome.Delivered ? AlertDeliveryStatus.Delivered : AlertDeliveryStatus.Failed;
        row.Attempts = outcome.Attempts;
        row.LastAttemptUtc = now;
        row.DeliveredUtc = outcome.Delivered ? now : null;
        row.LastError = outcome.Error;
        db.AlertDeliveries.Update(row);
        await db.SaveChangesAsync(cts.Token).ConfigureAwait(false);
    }

    /// <summary>A delivery still pending from an earlier run was cut off mid-send: say so, and do not send it again.</summary>
    private async Task CloseInterruptedAsync(CancellationToken cancellationToken)
    {
        if (ownership.IsShared)
        {
            // Another live instance may be sending its pending deliveries right now: each account's are closed by
            // the instance that takes the account over (AccountScheduleLoader), when their sender is gone.
            return;
        }

        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var closed = await InterruptedDeliveries.CloseAsync(db, null, cancellationToken).ConfigureAwait(false);
            if (closed > 0)
            {
                logger.LogWarning("{Count} alert deliveries were cut off by the last shutdown; they are marked failed, not resent", closed);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError("Closing interrupted alert deliveries failed: {Error}", ex.GetType().Name);
        }
    }
}
