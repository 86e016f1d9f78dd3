using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using TaskWatch.Simulator;

namespace TaskWatch.Bench;

/// <summary>
/// The cloud's per-user budget for a fleet of accounts in front of one simulator: each account is its own
/// user with its own project, so the user is read from the project id in the path (<c>/v3/{project}/…</c>)
/// and counted in its own 60 s window at arrival (<see cref="UserCallWindow"/>, the simulator's own count);
/// the excess gets the documented 429 DBS.280443 with Retry-After. Also notes, per project, the first call
/// after a moment the scenario sets (the kill of an instance), so the takeover is timed where the cloud stands.
/// </summary>
public sealed class FleetBudgetGate(int callsPerMinute)
{
    private readonly UserCallWindow _window = new(callsPerMinute, TimeSpan.FromMinutes(1));
    private readonly ConcurrentDictionary<string, DateTime> _firstAfterMark = new(StringComparer.OrdinalIgnoreCase);
    private long _markTicks = DateTime.MaxValue.Ticks;
    private long _calls;
    private long _throttled;

    public long Calls => Interlocked.Read(ref _calls);

    public long Throttled => Interlocked.Read(ref _throttled);

    /// <summary>From now on, the first call of each project is noted.</summary>
    public void Mark(DateTime at)
    {
        _firstAfterMark.Clear();
        Interlocked.Exchange(ref _markTicks, at.Ticks);
    }

    public DateTime? FirstCallAfterMark(string projectId) => _firstAfterMark.TryGetValue(projectId, out var at) ? at : null;

    public RequestDelegate Wrap(RequestDelegate next) => async http =>
    {
        var segments = (http.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.FindIndex(segments, s => s is "v3" or "v3.1");
        if (at < 0 || at + 1 >= segments.Length)
        {
            await next(http);
            return;
        }

        var project = segments[at + 1];
        var now = DateTime.UtcNow;
        Interlocked.Increment(ref _calls);
        if (now.Ticks >= Interlocked.Read(ref _markTicks))
        {
            _firstAfterMark.TryAdd(project, now);
        }

        if (_window.TryCount(project, now) is { } retryAfter)
        {
            Interlocked.Increment(ref _throttled);
            http.Response.StatusCode = 429;
            http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.ContentType = "application/json";
            await http.Response.Body.WriteAsync(SimulatorJson.Error("DBS.280443", "APIs are frequently called by the same tenant."));
            return;
        }

        await next(http);
    };
}
