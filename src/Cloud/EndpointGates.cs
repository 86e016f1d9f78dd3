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

    /// <summary>Every endpoint's calls together.</summary>
    public SemaphoreSlim All { get; } = new(options.Value.Polling.MaxConcurrency);

    public SemaphoreSlim For(CloudProject project) =>
        _byEndpoint.GetOrAdd(project.EndpointKey, _ => new SemaphoreSlim(options.Value.Polling.MaxConcurrencyPerEndpoint));
}
