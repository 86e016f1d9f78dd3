using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;
using TaskWatch.Hosting;

namespace TaskWatch.BrowserTests.Support;

/// <summary>The real app on a free loopback port, with its demo simulator, and a Chromium page on it.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly IPlaywright _playwright;

    private BrowserSession(TaskWatchHost host, TempFolder folder, IPlaywright playwright, IBrowser browser, IPage page)
    {
        Host = host;
        _folder = folder;
        _playwright = playwright;
        Browser = browser;
        Page = page;
    }

    public TaskWatchHost Host { get; }

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
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, TimezoneId = "Europe/Berlin" });
        var page = await context.NewPageAsync();
        return new BrowserSession(host, folder, playwright, browser, page);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
        await Host.DisposeAsync();
        _folder.Dispose();
    }
}
