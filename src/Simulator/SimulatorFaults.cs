using System.Collections.Concurrent;
using System.Text;
using TaskWatch.Cloud;
using TaskWatch.Configuration;
using TaskWatch.Core;

namespace TaskWatch.Simulator;

/// <summary>
/// The hostile modes of <see cref="SimulatorHostility"/> around every job API call, and the log of
/// every call (arrival, answer, fault) that soak tests check TaskWatch's behaviour against.
/// </summary>
public sealed class SimulatorFaults(TaskCenterSimulator sim, int seed)
{
    public const string RateLimited = "429";

    /// <summary>A 429 of the per-user budget (<see cref="TaskCenterSimulator.CallsPerMinutePerUser"/>), not of a hostile mode.</summary>
    public const string OverUserBudget = "429-user-budget";
    public const string NotScoped = "403-not-scoped";
    public const string ServerErrorHtml = "5xx-html";
    public const string ServerErrorEmpty = "5xx-empty";
    public const string Malformed = "malformed-200";

    private static readonly int[] ServerErrors = [500, 502, 503];
    private readonly Random _random = new(seed);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (long Second, int Count)> _rate = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<SimulatedRequest> _log = new();
    private int _delayed;

    /// <summary>Every API call answered so far (IAM excluded), in order of answer, less what <see cref="TryTake"/> took.</summary>
    public IReadOnlyCollection<SimulatedRequest> Log => _log;

    /// <summary>
    /// Calls sitting out their added latency on the simulator's clock: on a fake clock they are
    /// answered only when the test moves it, so a test that waits for quiet must not wait for them.
    /// </summary>
    public int Delayed => Volatile.Read(ref _delayed);

    /// <summary>Takes the oldest logged call off the log (a long soak reads the log as it goes, so it does not grow).</summary>
    public bool TryTake(out SimulatedRequest request) => _log.TryDequeue(out request!);

    public async Task<IResult> AnswerAsync(HttpContext http, string projectId, Func<IResult> answer)
    {
        var arrived = sim.UtcNow;
        var h = sim.FindProject(projectId)?.Hostility ?? SimulatorHostility.None;
        // The cloud counts a user's calls when they arrive, before anything else happens to them.
        var overBudget = sim.CountUserCall(http.Request, arrived);
        var throttled = overBudget is null && h.MaxRequestsPerSecond > 0 && OverRate(projectId, arrived, h.MaxRequestsPerSecond);
        if (h.LatencyMs > 0 || h.LatencyJitterMs > 0)
        {
            Interlocked.Increment(ref _delayed);
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(h.LatencyMs + Next(h.LatencyJitterMs + 1)), sim.Time, http.RequestAborted).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _delayed);
            }
        }

        string? fault = null;
        int? retryAfter = null;
        IResult result;
        if (overBudget is { } wait)
        {
            fault = OverUserBudget;
            retryAfter = wait;
            result = new SimulatorResponse(429, SimulatorJson.Error("DBS.280443", "APIs are frequently called by the same tenant."), retryAfterSeconds: wait);
        }
        else if (throttled)
        {
            fault = RateLimited;
            retryAfter = Math.Max(1, h.RetryAfterSeconds);
            var throttledBody = sim.FindProject(projectId) is { } project
                ? SimulatorDialects.For(project.Service).Throttled()
                : SimulatorJson.Error("APIGW.0308", "The throttling threshold has been reached.");
            result = new SimulatorResponse(429, throttledBody, retryAfterSeconds: retryAfter);
        }
        else if (h.NotScoped)
        {
            fault = NotScoped;
            result = new SimulatorResponse(403, SimulatorJson.Error("DBS.280056", "Invalid token: it is not scoped to this project."));
        }
        else if (Chance(h.ServerErrorShare))
        {
            var status = ServerErrors[Next(ServerErrors.Length)];
            var html = Next(2) == 0;
            fault = html ? ServerErrorHtml : ServerErrorEmpty;
            result = html
                ? new SimulatorResponse(status, Encoding.UTF8.GetBytes($"<html><head><title>{status}</title></head><body><h1>{status} Bad Gateway</h1><hr>nginx</body></html>"), "text/html")
                : new SimulatorResponse(status, [], "text/plain");
        }
        else
        {
            result = answer();
            if (result is SimulatorResponse { Status: 200 } ok && Chance(h.MalformedShare))
            {
                fault = Malformed;
                result = new SimulatorResponse(200, Break(ok.Body));
            }
        }

        _log.Enqueue(new SimulatedRequest(arrived, sim.UtcNow, projectId, (result as SimulatorResponse)?.Status ?? 200, fault, retryAfter));
        return result;
    }

    /// <summary>A body that is not valid JSON: cut short, or garbage where a value should be.</summary>
    private byte[] Break(byte[] body) => Next(3) switch
    {
        0 when body.Length > 2 => body[..(1 + Next(body.Length - 1))],
        1 => [.. Encoding.UTF8.GetBytes("{\"job\": {\"id\": "), .. body],
        _ => Encoding.UTF8.GetBytes("{\"job\": {\"status\": \"Completed\", \"id\": \"x\"" + new string(' ', Next(50)) + ",,}"),
    };

    private bool OverRate(string projectId, DateTime now, int perSecond)
    {
        var second = now.Ticks / TimeSpan.TicksPerSecond;
        lock (_lock)
        {
            var (window, count) = _rate.GetValueOrDefault(projectId);
            count = window == second ? count + 1 : 1;
            _rate[projectId] = (second, count);
            return count > perSecond;
        }
    }

    private bool Chance(double share) => share > 0 && NextDouble() < share;

    private int Next(int max)
    {
        lock (_lock)
        {
            return _random.Next(max);
        }
    }

    private double NextDouble()
    {
        lock (_lock)
        {
            return _random.NextDouble();
        }
    }
}
