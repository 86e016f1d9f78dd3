using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Operations;

/// <summary>The standard OpenTelemetry variables switch OTLP on; a loopback receiver stands in for the collector.</summary>
[Collection(nameof(ProcessMetricsCollection))]
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Otlp_EndpointSet_MetricsArePushedThere()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var collector = builder.Build();
        var posts = new List<(string Path, long Bytes)>();
        collector.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            lock (posts)
            {
                posts.Add((context.Request.Path, body.Length));
            }

            return Results.Ok();
        });
        await collector.StartAsync(ct);
        var endpoint = collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });

        await TestApp.EventuallyAsync<bool>(
            () =>
            {
                lock (posts)
                {
                    return Task.FromResult<bool?>(posts.Any(p => p.Path == "/v1/metrics" && p.Bytes > 0) ? true : null);
                }
            },
            TimeSpan.FromSeconds(30),
            "an OTLP metrics export to the collector");
        await collector.StopAsync(ct);
    }
}
