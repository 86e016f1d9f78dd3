using Microsoft.Playwright;

namespace TaskWatch.BrowserTests.Support;

public static class PageExtensions
{
    /// <summary>Lets the initial prerender-to-interactive hand-over finish before counting navigations.</summary>
    public static Task WaitForNavigationOrNothingAsync(this IPage page) => page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 10_000 });

    /// <summary>
    /// Waits until the page's circuit is up (taskwatch.js marks it on &lt;html&gt;). Until then the page is
    /// the prerendered copy, and a click on it does nothing, which on a loaded machine is seconds.
    /// </summary>
    public static Task WaitForCircuitAsync(this IPage page) =>
        page.Locator("html[data-connection='up']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });

    /// <summary>Opens a MudSelect (by its test id) as a person does and picks the option with exactly this text.</summary>
    public static async Task PickAsync(this IPage page, string testId, string option)
    {
        await page.GetByTestId(testId).ClickAsync();
        var item = page.Locator(".mud-popover-open .mud-list-item").GetByText(option, new() { Exact = true });
        await item.ClickAsync();
        await Assertions.Expect(page.GetByTestId(testId)).ToHaveTextAsync(option, new() { Timeout = 20_000 });
        // MudSelect takes the focus back once its list has closed; a fill started before that would lose its text
        // to the select (as a person's typing would, had they not waited for the list to close).
        // Generous: with the other browser tests running beside this one, a circuit's round trip can take seconds.
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId(testId)).ToBeFocusedAsync(new() { Timeout = 20_000 });
    }

    /// <summary>
    /// Clicks until <paramref name="appears"/> is visible: a click that lands in the moment between the
    /// circuit coming up and the component being attached is lost, as it would be for a person.
    /// </summary>
    public static async Task ClickUntilVisibleAsync(this ILocator target, ILocator appears)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            await target.ClickAsync();
            try
            {
                await appears.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 3_000 });
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }

    /// <summary>Waits for the server's next heartbeat to reach the page (Controls/LiveBeat): an update has just arrived.</summary>
    public static Task WaitForNextUpdateAsync(this IPage page) =>
        page.EvaluateAsync("() => new Promise(done => new MutationObserver((_, o) => { o.disconnect(); done(); }).observe(document.querySelector('[data-live-beat]'), { attributes: true }))");

    /// <summary>The number in the connection banner's "last update N s ago".</summary>
    public static async Task<int> BannerAgeSecondsAsync(this ILocator banner) =>
        int.Parse(await banner.Locator("[data-connection-age]").TextContentAsync() ?? "-1", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What CSS appends to a relative or elapsed time (".tw-ago") while the page is not live.</summary>
    public static Task<string> MarkAsync(this ILocator time) =>
        time.EvaluateAsync<string>("el => getComputedStyle(el, '::after').content");
}
