using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using TaskWatch.Core;

namespace TaskWatch.Simulator;

/// <summary>Runs a <see cref="TaskCenterSimulator"/> as a real HTTP server on its own loopback port.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app, TaskCenterSimulator simulator, Uri baseUri)
    {
        _app = app;
        Simulator = simulator;
        BaseUri = baseUri;
    }

    public TaskCenterSimulator Simulator { get; }

    /// <summary>The root, e.g. http://127.0.0.1:41234/; IAM lives under iam/, each service under its dialect's prefix (rds/, dds/, ...).</summary>
    public Uri BaseUri { get; }

    public Uri RdsEndpoint => new(BaseUri, "rds");

    public Uri DdsEndpoint => new(BaseUri, "dds");

    public Uri IamEndpoint => new(BaseUri, "iam");

    /// <summary>Where the simulator serves this service's task center.</summary>
    public Uri EndpointOf(CloudService service) => new(BaseUri, SimulatorDialects.For(service).PathPrefix);

    public static async Task<SimulatorHost> StartAsync(TaskCenterSimulator simulator, Action<WebApplication>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        configure?.Invoke(app);
        SimulatorEndpoints.Map(app, simulator);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorHost(app, simulator, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
