using System.Diagnostics;
using TaskWatch.Cloud;
using TaskWatch.Core;

namespace TaskWatch.Tracking;

/// <summary>
/// Runs every call the poller makes to a task center, carrying how stale its view is to the account's budget
/// (<see cref="CallPriority"/>), and counted in the poll metrics. The concurrency limits
/// (TaskWatch:Polling:MaxConcurrencyPerEndpoint, MaxConcurrency) are the client's, behind the budget
/// (Cloud/Http/EndpointGateHandler): taken here, a call waiting for its account's budget held a place of its endpoint.
/// </summary>
public sealed class TaskCenterCalls(PollerMetrics metrics)
{
    public async Task<T> CallAsync<T>(CloudProject project, string kind, DateTime staleSince, Func<CancellationToken, Task<T>> call, Func<T, ReadOutcome> outcomeOf, CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        // This method is async: the key lasts for this call only.
        CallPriority.Enter(staleSince);
        var result = await call(stoppingToken).ConfigureAwait(false);
        metrics.Poll(project.Service, kind, outcomeOf(result), Stopwatch.GetElapsedTime(started));
        return result;
    }
}
