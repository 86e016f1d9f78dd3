using System.Net;
using System.Text.Json;
using TaskWatch.Operations;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Operations;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Healthz_LiveAndReady_AnswerSeparately_AndTheProbeModeSaysLive()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["TaskWatch:Demo:Enabled"] = "false" });
        var ct = TestContext.Current.CancellationToken;

        var live = await ChecksAsync(app, "/healthz/live", ct);
        var ready = await ChecksAsync(app, "/healthz/ready", ct);
        var all = await ChecksAsync(app, "/healthz", ct);

        Assert.Equal(["poller"], live);
        Assert.Equal(["database", "poller"], ready);
        Assert.Equal(["accounts", "database", "poller"], all);

        using var output = new StringWriter();
        Assert.Equal(0, await HealthProbe.RunAsync(["--health", "--urls", app.BaseUri.AbsoluteUri], output));
        Assert.Contains("/healthz/live: 200", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthProbe_NothingListening_ExitsOneSayingSo()
    {
        using var output = new StringWriter();
        // Port 9 (discard) is closed on a test machine: the probe must fail, not hang.
        var code = await HealthProbe.RunAsync(["--health", "--urls", "http://127.0.0.1:9"], output);
        Assert.Equal(1, code);
        Assert.Contains("no answer", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://+:8080;https://+:8443", "http://127.0.0.1:8080/")]
    [InlineData("http://*:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://[::]:8080", "http://127.0.0.1:8080/")]
    [InlineData(null, "http://127.0.0.1:5000/")]
    public void HealthProbe_ListenAddress_AskedOnLoopback(string? urls, string expected)
    {
        Assert.Equal(expected, HealthProbe.LoopbackOf(urls).AbsoluteUri);
    }

    private static async Task<List<string>> ChecksAsync(TestApp app, string path, CancellationToken ct)
    {
        using var response = await app.Http.GetAsync(path, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return [.. body.RootElement.GetProperty("checks").EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal)];
    }
}
