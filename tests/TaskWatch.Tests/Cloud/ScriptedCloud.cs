using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TaskWatch.Tests.Cloud;

/// <summary>
/// A real HTTP server on a free loopback port that answers every request with a scripted response
/// and counts the attempts it saw, so retries are counted where the cloud would count them.
/// </summary>
public sealed class ScriptedCloud : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _hits;

    private ScriptedCloud(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <summary>Requests answered so far.</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <summary>Path and query of every request, in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public Func<HttpContext, Task> Respond { get; set; } = ctx => Answer(ctx, 200, "{}");

    public static async Task<ScriptedCloud> StartAsync(Func<HttpContext, Task>? respond = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        ScriptedCloud? cloud = null;
        app.Run(async ctx =>
        {
            Interlocked.Increment(ref cloud!._hits);
            cloud.Requests.Enqueue(ctx.Request.Path + ctx.Request.QueryString);
            await cloud.Respond(ctx);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        cloud = new ScriptedCloud(app, new Uri(address.TrimEnd('/') + "/"));
        if (respond is not null)
        {
            cloud.Respond = respond;
        }

        return cloud;
    }

    public static async Task Answer(HttpContext ctx, int status, string body, string contentType = "application/json;charset=UTF-8", IReadOnlyDictionary<string, string>? headers = null)
    {
        ctx.Response.StatusCode = status;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            ctx.Response.Headers[name] = value;
        }

        if (body.Length > 0)
        {
            ctx.Response.ContentType = contentType;
            await ctx.Response.WriteAsync(body);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
