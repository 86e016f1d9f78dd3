namespace TaskWatch.Security;

/// <summary><c>TaskWatch:Api</c>: limits of the REST API.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "TaskWatch:Api";

    /// <summary>Requests per minute to <c>/api</c> from one client IP address (sliding window); 0 turns the limit off.</summary>
    public int RequestsPerMinute { get; set; } = 1200;

    /// <summary>Open waits (<c>…/wait</c>) from one client; over it a 429. The bench's 1,000 waiters from one host fit.</summary>
    public int MaxWaitsPerClient { get; set; } = 1000;

    /// <summary>Open waits in all; over it a 503.</summary>
    public int MaxWaits { get; set; } = 10_000;

    /// <summary>Open event streams (<c>/api/events</c>) from one client; over it a 429.</summary>
    public int MaxStreamsPerClient { get; set; } = 200;

    /// <summary>Open event streams in all; over it a 503.</summary>
    public int MaxStreams { get; set; } = 1000;

    /// <summary>Open Blazor circuit connections (pages: dashboards, walls, job pages) from one client; over it a 429.</summary>
    public int MaxCircuitsPerClient { get; set; } = 50;

    /// <summary>Open Blazor circuit connections in all; over it a 503.</summary>
    public int MaxCircuits { get; set; } = 2000;

    /// <summary>The most changes a reconnecting stream is sent from its <c>Last-Event-ID</c>; older ones are skipped, and the stream says so.</summary>
    public int MaxReplay { get; set; } = 10_000;

    /// <summary>How often an idle event stream sends a comment line, so proxies with an idle timeout keep it open.</summary>
    public TimeSpan StreamHeartbeat { get; set; } = TimeSpan.FromSeconds(15);
}
