using Microsoft.Extensions.Diagnostics.HealthChecks;
using TaskWatch.Tracking;

namespace TaskWatch.Operations;

/// <summary>The poll loop beats at least every second; ten seconds of silence means it is stuck.</summary>
public sealed class PollerHealthCheck(JobPoller poller, TimeProvider time) : IHealthCheck
{
    public static readonly TimeSpan MaxSilence = TimeSpan.FromSeconds(10);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!poller.Started)
        {
            return Task.FromResult(HealthCheckResult.Degraded("The poller is starting."));
        }

        var silence = time.GetUtcNow().UtcDateTime - poller.HeartbeatUtc;
        return Task.FromResult(silence <= MaxSilence
            ? HealthCheckResult.Healthy($"Last heartbeat {silence.TotalSeconds:0.0} s ago.")
            : HealthCheckResult.Unhealthy($"No heartbeat for {silence.TotalSeconds:0} s."));
    }
}
