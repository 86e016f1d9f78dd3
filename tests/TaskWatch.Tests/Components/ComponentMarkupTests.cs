using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.JSInterop;
using TaskWatch.Cloud;
using TaskWatch.Components.Controls;
using TaskWatch.Components.Model;
using TaskWatch.Components.Pages;
using TaskWatch.Configuration;
using TaskWatch.Live;

namespace TaskWatch.Tests.Components;

/// <summary>Components rendered to HTML by the framework's own renderer, as the browser would first receive them.</summary>
public sealed class ComponentMarkupTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private sealed class NoJs : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => ValueTask.FromResult(default(TValue)!);
    }

    private sealed class FixedNavigation : NavigationManager
    {
        public FixedNavigation(string uri) => Initialize("http://127.0.0.1/", uri);
    }

    private static async Task<string> RenderAsync<T>(LiveJobStore live, string uri, IDictionary<string, object?>? parameters = null)
        where T : IComponent
    {
        var time = new FakeTimeProvider(Now);
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(time)
            .AddSingleton(live)
            .AddSingleton<ViewerClock>()
            .AddSingleton<IJSRuntime, NoJs>()
            .AddSingleton<NavigationManager>(new FixedNavigation(uri))
            .AddSingleton(Options.Create(new TaskWatchOptions()))
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(parameters ?? new Dictionary<string, object?>()));
            return output.ToHtmlString();
        });
    }

    private static LiveJobStore Store(params JobView[] jobs)
    {
        var live = new LiveJobStore(new FakeTimeProvider(Now));
        live.Publish(jobs);
        return live;
    }

    [Fact]
    public async Task Wall_HostileFailureReason_RenderedAsTextNotMarkup()
    {
        var hostile = WallBoardTests.Job("x1", JobState.Failed, ended: Now.AddMinutes(-3), reason: "<img src=x onerror=alert(1)>");
        var html = await RenderAsync<Wall>(Store(hostile), "http://127.0.0.1/wall");
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.DoesNotContain("<img", html);
    }

    [Fact]
    public async Task Wall_NothingToShow_SaysAllCalm_AndCarriesReloadPeriod()
    {
        var html = await RenderAsync<Wall>(Store(), "http://127.0.0.1/wall?reload=30");
        Assert.Contains("All calm", html);
        Assert.Contains("data-reload-after-minutes=\"30\"", html);
        Assert.Contains("data-testid=\"connection-banner\"", html);
        // The poller has never reported to this store: the wall must not pass that off as current.
        Assert.Contains("data-testid=\"stale-banner\"", html);
    }

    [Fact]
    public async Task Wall_Markup_GivesTheBrowserWhatItNeedsToStayHonestWhenUpdatesStop()
    {
        var html = await RenderAsync<Wall>(Store(WallBoardTests.Job("r1", JobState.Running)), "http://127.0.0.1/wall");
        // js/taskwatch.js keeps the clock, fills the banner's and the footer's last-update time, and CSS marks elapsed times.
        Assert.Contains("data-viewer-clock", html);
        Assert.Contains("data-connection-as-of", html);
        Assert.Contains("class=\"tw-when-stale\"", html);
        Assert.Contains("class=\"tw-ago\"", html);
    }

    [Fact]
    public async Task Wall_PollerJustReported_NoStaleBanner()
    {
        var live = Store();
        live.MarkPollerAlive();
        var html = await RenderAsync<Wall>(live, "http://127.0.0.1/wall");
        Assert.DoesNotContain("data-testid=\"stale-banner\"", html);
    }

    [Fact]
    public async Task Wall_RunningJobAfterFailure_ShowsTileWithPreviousFailure()
    {
        var html = await RenderAsync<Wall>(
            Store(WallBoardTests.Job("old", JobState.Failed, instance: "i7", ended: Now.AddDays(-3), reason: "quota exceeded"), WallBoardTests.Job("new", JobState.Running, instance: "i7") with { Progress = 40 }),
            "http://127.0.0.1/wall");
        Assert.Contains("aria-valuenow=\"40\"", html);
        Assert.Contains("failed before: quota exceeded", html);
        Assert.DoesNotContain("All calm", html);
    }

    [Fact]
    public async Task StatusBadge_ShowsSymbolAndText_NotColourAlone()
    {
        var html = await RenderAsync<StatusBadge>(Store(), "http://127.0.0.1/", new Dictionary<string, object?> { ["Job"] = WallBoardTests.Job("a", JobState.Failed) });
        var text = System.Net.WebUtility.HtmlDecode(html);
        Assert.Contains("✖</span> Failed", text);
    }

    [Fact]
    public async Task StatusBadge_StoppedJob_SaysNotTracked()
    {
        var stopped = WallBoardTests.Job("a", JobState.Running) with { Phase = TaskWatch.Storage.PollPhase.Stopped };
        var html = await RenderAsync<StatusBadge>(Store(), "http://127.0.0.1/", new Dictionary<string, object?> { ["Job"] = stopped });
        Assert.Contains("Running · not tracked", System.Net.WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task ProgressChart_Points_DrawnAsPolyline()
    {
        var points = new List<ProgressPoint> { new(Now.AddMinutes(-2), 10), new(Now.AddMinutes(-1), 60) };
        var html = await RenderAsync<ProgressChart>(Store(), "http://127.0.0.1/", new Dictionary<string, object?> { ["Points"] = points });
        Assert.Contains("<polyline points=\"0,144", html);
        Assert.Contains("100%", html);
    }
}
