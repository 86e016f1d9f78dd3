using Microsoft.Playwright;

namespace TaskWatch.BrowserTests.Support;

public static class PageExtensions
{
    /// <summary>Lets the initial prerender-to-interactive hand-over finish before counting navigations.</summary>
    public static Task WaitForNavigationOrNothingAsync(this IPage page) => page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 10_000 });
}
