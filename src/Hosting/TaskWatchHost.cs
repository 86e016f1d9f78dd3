using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using TaskWatch.Cloud;
using TaskWatch.Configuration;
using TaskWatch.Simulator;
using TaskWatch.Storage;

namespace TaskWatch.Hosting;

/// <summary>
/// Builds and starts TaskWatch (and the demo simulator when on). Program runs it until shutdown;
/// tests start it in-process on a free loopback port with their own settings.
/// </summary>
public sealed class TaskWatchHost : IAsyncDisposable
{
    private TaskWatchHost(WebApplication app, SimulatorHost? demo, Uri baseUri)
    {
        App = app;
        Demo = demo;
        BaseUri = baseUri;
    }

    public WebApplication App { get; }

    public SimulatorHost? Demo { get; }

    /// <summary>The first address the server listens on, e.g. http://127.0.0.1:5000/.</summary>
    public Uri BaseUri { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>Checks the configuration, builds, migrates and starts. Throws <see cref="StartupException"/> with every problem.</summary>
    public static async Task<TaskWatchHost> StartAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        // Named explicitly: under a test host the entry assembly is the test's, but the assets are ours.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(TaskWatchHost).Assembly.GetName().Name });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            // Out of the box, loopback only; --urls or ASPNETCORE_URLS choose otherwise.
            builder.WebHost.UseUrls("http://127.0.0.1:5000");
        }

        // Package assets (MudBlazor's CSS and JS) are served from the build output in every
        // environment, not only Development; a published app has them in wwwroot and this is a no-op.
        builder.WebHost.UseStaticWebAssets();
        configure?.Invoke(builder);
        if (BuildTimeDocument.IsRunning)
        {
            builder.Configuration.AddInMemoryCollection(BuildTimeDocument.Settings);
        }

        // Decided before anything binds the demo settings: unset, demo runs only while nothing real is configured.
        var demoWhy = DemoMode.Why(builder.Configuration);
        builder.Configuration.AddInMemoryCollection([new(DemoMode.EnabledKey, DemoMode.IsOn(builder.Configuration) ? "true" : "false"), new(DemoMode.WhyKey, demoWhy)]);
        if (StartupValidation.Check(builder.Configuration) is { Count: > 0 } errors)
        {
            throw new StartupException(errors);
        }

        var demoOptions = builder.Configuration.GetSection($"{TaskWatchOptions.SectionName}:Demo").Get<DemoOptions>() ?? new DemoOptions();
        var demo = demoOptions.Enabled
            ? await DemoSetup.StartAsync(builder.Configuration, demoOptions, TimeProvider.System, cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            var app = builder.AddTaskWatch(demo).Build();
            if (app.Services.GetRequiredService<TaskCenterClients>().MissingDialects() is { Count: > 0 } missing)
            {
                // A service without a dialect must never fall through to another service's code.
                await app.DisposeAsync().ConfigureAwait(false);
                throw new StartupException([.. missing]);
            }
            try
            {
                await app.UseTaskWatchAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NewerDatabaseException or DatabaseBackupException)
            {
                await app.DisposeAsync().ConfigureAwait(false);
                throw new StartupException([ex.Message]);
            }
            catch (Exception ex) when (PostgreSqlConnectionProblem.IsConnectionFailure(ex)
                && builder.Configuration[StorageOptions.ConnectionStringKey] is { Length: > 0 } connectionString)
            {
                // Wrong host, port, password or database: one line naming the key, the host and why.
                await app.DisposeAsync().ConfigureAwait(false);
                throw new StartupException([PostgreSqlConnectionProblem.Describe(connectionString, ex)]);
            }

            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            // The build-time document's server listens nowhere and has no address.
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost/";
            return new TaskWatchHost(app, demo, new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            if (demo is not null)
            {
                await demo.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await App.DisposeAsync().ConfigureAwait(false);
            if (Demo is not null)
            {
                await Demo.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
