using System.Net;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using TaskWatch.Api;
using TaskWatch.Storage;
using TaskWatch.Tests.Reliability;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Api;

/// <summary>
/// Requests that stay open: an idle event stream answers at once and keeps talking (so proxies keep it), open streams
/// and waits are capped per client and in total (429 / 503 with Retry-After), and a replay from an old Last-Event-ID is bounded.
/// </summary>
public sealed class OpenRequestLimitTests
{
    private const string JobId = "f85104b5-4a9c-4e0f-9505-fc5409d8f7ae";

    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = MalformedRequestTests.OneProjectNoDemo();
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<HttpResponseMessage> OpenAsync(TestApp app, string path, CancellationToken ct) =>
        await app.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, path), HttpCompletionOption.ResponseHeadersRead, ct);

    [Fact]
    public async Task AnIdleStream_SendsItsHeadersAtOnce_ARetryHint_AndAComment_EveryHeartbeat()
    {
        await using var app = await TestApp.StartAsync(Settings(("TaskWatch:Api:StreamHeartbeat", "00:00:00.5")));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));

        var started = System.Diagnostics.Stopwatch.StartNew();
        using var response = await OpenAsync(app, "/api/events", timeout.Token);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(3), $"headers after {started.Elapsed}");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        var text = new StringBuilder();
        var buffer = new byte[1024];
        while (CountOf(text.ToString(), ": keep-alive") < 2)
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            Assert.NotEqual(0, read);
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        Assert.Contains($"retry: {JobEventEndpoints.RetryMilliseconds}\n", text.ToString(), StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    [Fact]
    public async Task StreamsOverTheClientsCap_Get429_OverTheTotal_503_EachWithRetryAfter()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var app = await TestApp.StartAsync(Settings(("TaskWatch:Api:MaxStreamsPerClient", "2"))))
        {
            using var first = await OpenAsync(app, "/api/events", ct);
            using var second = await OpenAsync(app, "/api/events", ct);
            using var third = await OpenAsync(app, "/api/events", ct);
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests), (first.StatusCode, second.StatusCode, third.StatusCode));
            Assert.NotNull(third.Headers.RetryAfter?.Delta);
            Assert.Contains("TaskWatch:Api:MaxStreamsPerClient", await third.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

            // One closes: a new one may open.
            first.Dispose();
            await TestApp.EventuallyAsync(async () => (await OpenAsync(app, "/api/events", ct)) is { StatusCode: HttpStatusCode.OK } ? (bool?)true : null,
                TimeSpan.FromSeconds(10), "a stream after one closed");
        }

        await using var busy = await TestApp.StartAsync(Settings(("TaskWatch:Api:MaxStreams", "1")));
        using var only = await OpenAsync(busy, "/api/events", ct);
        using var refused = await OpenAsync(busy, "/api/events", ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Contains("TaskWatch:Api:MaxStreams", await refused.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitsOverTheClientsCap_Get429()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await TestApp.StartAsync(Settings(("TaskWatch:Api:MaxWaitsPerClient", "1")));
        await app.Http.PostAsync($"/api/jobs", System.Net.Http.Json.JsonContent.Create(new { project = MalformedRequests.Project, jobId = JobId }), ct);
        var path = $"/api/jobs/{MalformedRequests.Project}/{JobId}/wait?timeout=20";
        var open = app.Http.GetAsync(path, ct);
        await TestApp.EventuallyAsync(() => Task.FromResult(app.Service<TaskWatch.Live.JobWaiters>().Count == 1 ? (bool?)true : null), TimeSpan.FromSeconds(10), "the first wait");
        using var second = await app.Http.GetAsync(path, ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains("TaskWatch:Api:MaxWaitsPerClient", await second.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        await app.Http.DeleteAsync($"/api/jobs/{MalformedRequests.Project}/{JobId}", ct);
        (await open).Dispose();
    }

    [Fact]
    public async Task AResumeFromLongAgo_ReplaysAtMostMaxReplay_AndSaysSo()
    {
        var ct = TestContext.Current.CancellationToken;
        // The demo stores changes quickly.
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["TaskWatch:Api:MaxReplay"] = "3" });
        var newest = await TestApp.EventuallyAsync(async () =>
        {
            var last = await app.Service<JobQueries>().LastChangeIdAsync(ct);
            return last >= 10 ? (long?)last : null;
        }, TimeSpan.FromSeconds(60), "ten stored changes");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        request.Headers.Add("Last-Event-ID", "0");
        using var response = await app.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        var items = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(timeout.Token))
        {
            items.Add(item);
            if (items.Count == 4)
            {
                break;
            }
        }

        Assert.Equal(JobEventEndpoints.ReplayTruncatedType, items[0].EventType);
        var resumedAfter = JsonDocument.Parse(items[0].Data).RootElement.GetProperty("resumedAfter").GetInt64();
        Assert.True(resumedAfter >= newest - 3, $"resumed after {resumedAfter}, newest was {newest}");
        Assert.All(items.Skip(1), i => Assert.True(long.Parse(i.EventId!, System.Globalization.CultureInfo.InvariantCulture) > resumedAfter));
    }
}
