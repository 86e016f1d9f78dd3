using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using TaskWatch.Cloud;
using TaskWatch.Configuration;
using TaskWatch.Core;

namespace TaskWatch.Tracking;

/// <summary>
/// Runs every call the poller makes to a task center: within its endpoint's and the global concurrency
/// limits (TaskWatch:Polling:MaxConcurrencyPerEndpoint, MaxConcurrency), carrying how stale its view is to
/// the account's budget (<see cref="CallPriority"/>), and counted in the poll metrics.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "The gates live as long as the app and use no wait handle; disposed with the container, a round still out after the poller's 2 s stop wait would fail on its Release.")]
public sealed class TaskCenterCalls(PollerMetrics metrics, IOptions<TaskWatchOptions> options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _endpointGates = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _globalGate = new(options.Value.Polling.MaxConcurrency);

    public async Task<T> CallAsync<T>(CloudProject project, string kind, DateTime staleSince, Func<CancellationToken, Task<T>> call, Func<T, ReadOutcome> outcomeOf, CancellationToken stoppingToken)
    {
        var gate = _endpointGates.GetOrAdd(project.EndpointKey, _ => new SemaphoreSlim(options.Value.Polling.MaxConcurrencyPerEndpoint));
        // The endpoint's own gate first: a slow endpoint queues on it without holding global slots.
        await gate.WaitAsync(stoppingToken).ConfigureAwait(false);
        try
        {
            await _globalGate.WaitAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                var started = Stopwatch.GetTimestamp();
                // This method is async: the key lasts for this call only.
                CallPriority.Enter(staleSince);
                var result = await call(stoppingToken).ConfigureAwait(false);
                metrics.Poll(project.Service, kind, outcomeOf(result), Stopwatch.GetElapsedTime(started));
                return result;
            }
            finally
            {
                _globalGate.Release();
            }
        }
        finally
        {
            gate.Release();
        }
    }
}
