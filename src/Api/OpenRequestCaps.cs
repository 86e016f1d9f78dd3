using Microsoft.Extensions.Options;
using TaskWatch.Security;

namespace TaskWatch.Api;

/// <summary>The caps on open waits and event streams, from <c>TaskWatch:Api</c> (<see cref="ApiOptions"/>).</summary>
public sealed class OpenRequestCaps(IOptions<ApiOptions> options) : IDisposable
{
    public OpenRequestCap Waits { get; } = new("waits", $"{ApiOptions.SectionName}:MaxWaitsPerClient", options.Value.MaxWaitsPerClient,
        $"{ApiOptions.SectionName}:MaxWaits", options.Value.MaxWaits);

    public OpenRequestCap Streams { get; } = new("event streams", $"{ApiOptions.SectionName}:MaxStreamsPerClient", options.Value.MaxStreamsPerClient,
        $"{ApiOptions.SectionName}:MaxStreams", options.Value.MaxStreams);

    /// <summary>The pages' live connections (a Blazor circuit's WebSocket), taken by Hosting's <c>CircuitConnectionCap</c>.</summary>
    public OpenRequestCap Circuits { get; } = new("page connections", $"{ApiOptions.SectionName}:MaxCircuitsPerClient", options.Value.MaxCircuitsPerClient,
        $"{ApiOptions.SectionName}:MaxCircuits", options.Value.MaxCircuits);

    public void Dispose()
    {
        Waits.Dispose();
        Streams.Dispose();
        Circuits.Dispose();
    }
}
