using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TaskWatch.Hosting;

namespace TaskWatch.Tests.Support;

/// <summary>
/// The real TaskWatch, started in-process on a free loopback port with a fresh database; by
/// default with the demo simulator playing fast jobs. Disposing stops it and deletes its files.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly TempFolder? _ownedFolder;

    private TestApp(TaskWatchHost host, HttpClient http, TempFolder? folder, string databasePath)
    {
        Host = host;
        Http = http;
        _ownedFolder = folder;
        DatabasePath = databasePath;
    }

    public TaskWatchHost Host { get; }

    public HttpClient Http { get; }

    public string DatabasePath { get; }

    public Uri BaseUri => Host.BaseUri;

    public T Service<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    /// <param name="settings">Configuration on top of the defaults (keys like "TaskWatch:Demo:Enabled").</param>
    /// <param name="databasePath">Reuse a database (restart tests); otherwise a temp one is made and deleted.</param>
    public static async Task<TestApp> StartAsync(IDictionary<string, string?>? settings = null, string? databasePath = null, Action<WebApplicationBuilder>? configure = null)
    {
        var folder = databasePath is null ? new TempFolder() : null;
        var db = databasePath ?? Path.Combine(folder!.Path, "taskwatch.db");
        var values = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["TaskWatch:Database"] = db,
            ["TaskWatch:Demo:Enabled"] = "true",
            ["TaskWatch:Demo:Speed"] = "20",
            ["TaskWatch:Demo:JobsPerMinute"] = "30",
            ["TaskWatch:Polling:RunningInterval"] = "00:00:01",
            ["TaskWatch:Polling:NotFoundRetryInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        TaskWatchHost host;
        try
        {
            host = await TaskWatchHost.StartAsync([], builder =>
            {
                builder.Configuration.AddInMemoryCollection(values);
                configure?.Invoke(builder);
            });
        }
        catch
        {
            // A start that is refused (the configuration tests want that) leaves no folder behind either.
            folder?.Dispose();
            throw;
        }

        var http = new HttpClient { BaseAddress = host.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        return new TestApp(host, http, folder, db);
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value or the time is up.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : struct
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is T value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }

    public async Task<T?> GetJsonAsync<T>(string path) => await Http.GetFromJsonAsync<T>(path);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        _ownedFolder?.Dispose();
    }
}
