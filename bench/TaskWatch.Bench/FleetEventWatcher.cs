using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace TaskWatch.Bench;

/// <summary>
/// One instance's <c>GET /api/events</c>, read as a wall or a pipeline reads it: for each change, how long
/// after the holder read it (its <c>observed</c> time) it came out of this instance's stream, and whether
/// this instance held the change's account then (else the change came from another instance's write,
/// through PostgreSQL's NOTIFY and this instance's live store).
/// </summary>
public sealed class FleetEventWatcher(Uri baseUri, Func<string, bool> holdsProject)
{
    private readonly ConcurrentQueue<double> _fromOthers = new();
    private readonly ConcurrentQueue<double> _own = new();
    private long _events;

    public long Events => Interlocked.Read(ref _events);

    /// <summary>Lags (ms) of changes another instance stored, since the last <see cref="Reset"/>.</summary>
    public IReadOnlyList<double> FromOthers => [.. _fromOthers];

    public IReadOnlyList<double> Own => [.. _own];

    public void Reset()
    {
        _fromOthers.Clear();
        _own.Clear();
        Interlocked.Exchange(ref _events, 0);
    }

    public async Task ReadAsync(CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            using var response = await http.GetAsync("api/events", HttpCompletionOption.ResponseHeadersRead, stop);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync(stop);
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(stop))
            {
                if (item.EventType != "job")
                {
                    continue;
                }

                var received = DateTime.UtcNow;
                using var data = JsonDocument.Parse(item.Data);
                var observed = data.RootElement.GetProperty("observed").GetDateTime().ToUniversalTime();
                var lag = (received - observed).TotalMilliseconds;
                (holdsProject(data.RootElement.GetProperty("project").GetString()!) ? _own : _fromOthers).Enqueue(lag);
                Interlocked.Increment(ref _events);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // The instance was killed: its stream ends with it.
        }
    }
}
