using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace TaskWatch.Bench;

/// <summary>
/// A poor man's allocation profile (dotnet-counters and dotnet-trace are not installed here): the
/// runtime's GC AllocationTick event fires about once per 100 KB allocated and names the type that
/// crossed the line, so counting ticks by type shows where the bytes go. Used with --alloc-profile.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _ticks = new(StringComparer.Ordinal);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is not null && eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) && eventData.Payload is not null)
        {
            var index = eventData.PayloadNames?.IndexOf("TypeName") ?? -1;
            var type = index >= 0 ? eventData.Payload[index] as string ?? "?" : "?";
            _ticks.AddOrUpdate(type, 1, (_, n) => n + 1);
        }
    }

    public IReadOnlyList<(string Type, long Ticks)> Top(int count) =>
        [.. _ticks.OrderByDescending(kv => kv.Value).Take(count).Select(kv => (kv.Key, kv.Value))];
}
