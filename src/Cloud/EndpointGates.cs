using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using TaskWatch.Configuration;

namespace TaskWatch.Cloud;

/// <summary>
/// The places of the calls in flight: at most TaskWatch:Polling:MaxConcurrencyPerEndpoint to one endpoint and
/// MaxConcurrency over all of them. One per app (the handlers that take them are made afresh by the client factory).
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "The gates live as long as the app and use no wait handle; disposed with the container, a call still out at shutdown would fail on its Release.")]
public sealed class EndpointGates(IOptions<TaskWatchOptions> options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _byEndpoint = new(StringComparer.OrdinalIgnoreCase);
    private int _waiting;

    /// <summary>Calls granted by their account's budget that wait for a place (a full endpoint, or all of them full).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Every endpoint's calls together.</summary>
    public SemaphoreSlim All { get; } = new(options.Value.Polling.MaxConcurrency);

    /// <summary>Takes a place of the project's endpoint, then one of all endpoints; the caller releases both.</summary>
    public async Task EnterAsync(SemaphoreSlim endpoint, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            // The endpoint's own gate first: a slow endpoint queues on it without holding places of the others.
            await endpoint.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await All.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                endpoint.Release();
                throw;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public SemaphoreSlim For(CloudProject project) =>
        _byEndpoint.GetOrAdd(project.EndpointKey, _ => new SemaphoreSlim(options.Value.Polling.MaxConcurrencyPerEndpoint));
}
