using System.Net.ServerSentEvents;

namespace TaskWatch.Bench;

/// <summary>One client of <c>GET /api/events</c> reading every event until it is told to stop.</summary>
public static class EventStreamClient
{
    public static async Task<EventStreamTally> ReadAsync(Uri baseUri, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = Timeout.InfiniteTimeSpan };
        var events = 0;
        try
        {
            using var response = await http.GetAsync("api/events", HttpCompletionOption.ResponseHeadersRead, stop);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync(stop);
            await foreach (var _ in SseParser.Create(stream).EnumerateAsync(stop))
            {
                events++;
            }

            // The server ended the stream while the bench still read it.
            return new EventStreamTally(events, Broken: true);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return new EventStreamTally(events, Broken: false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return new EventStreamTally(events, Broken: true);
        }
    }
}
