using System.Diagnostics;
using System.Text.Json;

namespace TaskWatch.Bench;

/// <summary>
/// The baseline of the poll engine: one <see cref="HttpClient"/> doing the same GETs at the same
/// rate and concurrency, each answer parsed with <see cref="JsonDocument"/>; nothing stored.
/// </summary>
public sealed class BareLoopBaseline(IReadOnlyList<Uri> jobUris, string token, int concurrency, double rate)
{
    private long _done;

    public long Done => Interlocked.Read(ref _done);

    public async Task RunAsync(HttpClient http, TimeSpan window, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(concurrency);
        var clock = Stopwatch.StartNew();
        long issued = 0;
        var inflight = new List<Task>();
        while (clock.Elapsed < window)
        {
            var target = (long)(clock.Elapsed.TotalSeconds * rate);
            while (issued < target)
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                var uri = jobUris[(int)(issued % jobUris.Count)];
                issued++;
                inflight.Add(ReadAsync(http, uri, gate, cancellationToken));
            }

            inflight.RemoveAll(t => t.IsCompleted);
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }

        await Task.WhenAll(inflight).ConfigureAwait(false);
    }

    private async Task ReadAsync(HttpClient http, Uri uri, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.TryAddWithoutValidation("X-Auth-Token", token);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (document.RootElement.TryGetProperty("job", out var job) && job.TryGetProperty("status", out _))
            {
                Interlocked.Increment(ref _done);
            }
        }
        finally
        {
            gate.Release();
        }
    }
}
