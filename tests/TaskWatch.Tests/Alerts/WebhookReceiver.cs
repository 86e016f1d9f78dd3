using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TaskWatch.Tests.Alerts;

/// <summary>
/// A loopback HTTP receiver for webhook tests. <see cref="Answer"/> decides each request's status
/// by its 1-based number; null means never answer (the request hangs until the caller gives up).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private WebhookReceiver(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public ConcurrentQueue<JsonElement> Bodies { get; } = new();

    public ConcurrentQueue<string> Paths { get; } = new();

    /// <summary>Each request's path and body together (the two queues above may interleave under concurrent requests).</summary>
    public ConcurrentQueue<(string Path, JsonElement Body)> Received { get; } = new();

    public int Requests => Volatile.Read(ref _requests);

    public Func<int, int?> Answer { get; set; } = _ => 200;

    /// <summary>A URL on this receiver with a secret in its path and query, as chat tools hand out.</summary>
    public string UrlWithSecret(string secret) => new Uri(BaseUri, $"hooks/{secret}?token={secret}").AbsoluteUri;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            var number = Interlocked.Increment(ref receiver!._requests);
            using var doc = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            receiver.Bodies.Enqueue(doc.RootElement.Clone());
            receiver.Paths.Enqueue(context.Request.Path + context.Request.QueryString);
            receiver.Received.Enqueue((context.Request.Path.Value ?? string.Empty, doc.RootElement.Clone()));
            if (receiver.Answer(number) is { } status)
            {
                return Results.StatusCode(status);
            }

            await Task.Delay(Timeout.Infinite, context.RequestAborted);
            return Results.StatusCode(499);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, new Uri(address.TrimEnd('/') + "/"));
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
