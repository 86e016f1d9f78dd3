using TaskWatch.Live;

namespace TaskWatch.Tracking;

/// <summary>
/// The poll loop: at start it loads the stored schedule and registers the configured jobs, then on each turn
/// beats its heartbeat, starts the due projects' rounds (<see cref="ProjectRounds"/>) and discoveries
/// (<see cref="ProjectDiscovery"/>), and sleeps until the next job is due or a registration wakes it.
/// </summary>
public sealed class JobPoller(
    PollSchedule schedule,
    StoredScheduleLoader storedSchedule,
    ConfiguredJobRegistration configuredJobs,
    ProjectRounds rounds,
    ProjectDiscovery discovery,
    PollerSignal signal,
    LiveJobStore live,
    PollerMetrics metrics,
    TimeProvider time,
    ILogger<JobPoller> logger) : BackgroundService
{
    /// <summary>Longest sleep between looks at the schedule; also the heartbeat period.</summary>
    public static readonly TimeSpan MaxIdle = TimeSpan.FromSeconds(1);

    /// <summary>Shortest sleep between looks at the schedule, so the jobs due within it are taken together.</summary>
    public static readonly TimeSpan MinIdle = TimeSpan.FromMilliseconds(5);

    private long _heartbeatTicks;

    public DateTime HeartbeatUtc => new(Interlocked.Read(ref _heartbeatTicks), DateTimeKind.Utc);

    private long _wakeTicks;

    /// <summary>
    /// When the sleeping loop turns next (unless a registration wakes it): while this lies ahead of
    /// the clock, every read that was due has been started.
    /// </summary>
    internal DateTime WakeUtc => new(Interlocked.Read(ref _wakeTicks), DateTimeKind.Utc);

    public bool Started { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loaded = await storedSchedule.LoadAsync(null, stoppingToken).ConfigureAwait(false);
        logger.LogInformation("Tracking {Count} jobs from the database", loaded);
        await configuredJobs.RegisterAsync(stoppingToken).ConfigureAwait(false);
        Started = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow().UtcDateTime;
                Interlocked.Exchange(ref _heartbeatTicks, now.Ticks);
                live.MarkPollerAlive();
                rounds.StartDue(now, stoppingToken);
                discovery.StartDue(now, stoppingToken);
                await SleepAsync(now, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                metrics.LoopFailed();
                logger.LogError(ex, "Poll loop failed; it goes on in 1 s");
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(false);
            }
        }

        await rounds.DrainAsync().ConfigureAwait(false);
    }

    private async Task SleepAsync(DateTime now, CancellationToken stoppingToken)
    {
        var next = schedule.NextDueUtc();
        var wait = next is { } at ? at - now : MaxIdle;
        if (wait < MinIdle)
        {
            // A timer rounds a wait under 1 ms down to none: with a job due every millisecond the loop
            // spun (tens of thousands of turns a second). Jobs due this close together go out together.
            wait = MinIdle;
        }
        else if (wait > MaxIdle)
        {
            wait = MaxIdle;
        }

        Interlocked.Exchange(ref _wakeTicks, (now + wait).Ticks);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(wait, time, cts.Token);
        await Task.WhenAny(delay, signal.WaitTask).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        stoppingToken.ThrowIfCancellationRequested();
    }
}
