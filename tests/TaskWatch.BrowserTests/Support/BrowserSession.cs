using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;
using TaskWatch.Hosting;
using TaskWatch.Tests.Support;

namespace TaskWatch.BrowserTests.Support;

/// <summary>The real app on a free loopback port, with its demo simulator, and a Chromium page on it.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly IPlaywright _playwright;
    private readonly Dictionary<string, string?> _settings;
    private bool _hostRunning = true;

    private BrowserSession(TaskWatchHost host, TempFolder folder, Dictionary<string, string?> settings, IPlaywright playwright, IBrowser browser, IPage page)
    {
        Host = host;
        _folder = folder;
        _settings = settings;
        _playwright = playwright;
        Browser = browser;
        Page = page;
    }

    /// <summary>The running app; null between <see cref="StopHostAsync"/> and <see cref="StartHostAsync"/>.</summary>
    public TaskWatchHost Host { get; private set; }

    public IBrowser Browser { get; }

    public IPage Page { get; }

    public string Url(string path) => new Uri(Host.BaseUri, path).AbsoluteUri;

    public static async Task<BrowserSession> StartAsync(IDictionary<string, string?>? settings = null, int width = 1400, int height = 900)
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        var folder = new TempFolder();
        var values = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["TaskWatch:Database"] = Path.Combine(folder.Path, "taskwatch.db"),
            ["TaskWatch:Demo:Speed"] = "6",
            ["TaskWatch:Demo:JobsPerMinute"] = "20",
            ["TaskWatch:Polling:RunningInterval"] = "00:00:01",
            ["TaskWatch:Polling:NotFoundRetryInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var host = await TaskWatchHost.StartAsync([], b => b.Configuration.AddInMemoryCollection(values));
        // A dark system: the pages follow it (the accessibility test picks each theme itself).
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, TimezoneId = "Europe/Berlin", ColorScheme = ColorScheme.Dark });
        var page = await context.NewPageAsync();
        return new BrowserSession(host, folder, values, playwright, browser, page);
    }

    /// <summary>A loopback port free right now, for a session whose server is stopped and started again on the same address.</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Stops the server as a crash or a deployment would; the browser keeps its page.</summary>
    public async Task StopHostAsync()
    {
        _hostRunning = false;
        await Host.DisposeAsync();
    }

    /// <summary>Starts the server again with the same settings and database (and, with a fixed port, the same address).</summary>
    public async Task StartHostAsync()
    {
        Host = await TaskWatchHost.StartAsync([], b => b.Configuration.AddInMemoryCollection(_settings));
        _hostRunning = true;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
        if (_hostRunning)
        {
            await Host.DisposeAsync();
        }

        _folder.Dispose();
    }
}
