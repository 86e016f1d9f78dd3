using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using TaskWatch.Tests.Reliability;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Security;

/// <summary>The pages' live connections (a circuit's WebSocket on /_blazor) are capped per client: over it a 429, as for waits and streams.</summary>
public sealed class CircuitConnectionCapTests
{
    [Fact]
    public async Task ASecondPageConnection_OverTheClientsCap_Is429()
    {
        var settings = MalformedRequestTests.OneProjectNoDemo();
        settings["TaskWatch:Api:MaxCircuitsPerClient"] = "1";
        await using var app = await TestApp.StartAsync(settings);
        var ct = TestContext.Current.CancellationToken;

        using var first = await ConnectAsync(app, ct);
        Assert.Equal(WebSocketState.Open, first.State);

        using var refused = new ClientWebSocket();
        refused.Options.CollectHttpResponseDetails = true;
        var second = SocketUri(app, await NegotiateAsync(app, ct));
        await Assert.ThrowsAsync<WebSocketException>(() => refused.ConnectAsync(second, ct));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.HttpStatusCode);

        // The first page closes: another may connect.
        await first.CloseAsync(WebSocketCloseStatus.NormalClosure, null, ct);
        await TestApp.EventuallyAsync(async () =>
        {
            try
            {
                using var again = await ConnectAsync(app, ct);
                return (bool?)true;
            }
            catch (WebSocketException)
            {
                return null;
            }
        }, TimeSpan.FromSeconds(10), "a connection after the first closed");
    }

    private static async Task<ClientWebSocket> ConnectAsync(TestApp app, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(SocketUri(app, await NegotiateAsync(app, ct)), ct);
        return socket;
    }

    private static async Task<string> NegotiateAsync(TestApp app, CancellationToken ct)
    {
        using var response = await app.Http.PostAsync("/_blazor/negotiate?negotiateVersion=1", null, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("connectionToken").GetString()!;
    }

    private static Uri SocketUri(TestApp app, string token) =>
        new($"ws://{app.BaseUri.Authority}/_blazor?id={Uri.EscapeDataString(token)}");
}
