using Microsoft.Playwright;

namespace TaskWatch.BrowserTests.Support;

/// <summary>
/// What a page must show while updates do not arrive, nobody touching it: the banner within 10 s of
/// the last update it actually received, counting from that update; every time on it honest; its data
/// still in view. The test watches the server's heartbeat itself, not through the page's own script.
/// </summary>
public static class Outage
{
    /// <summary>Long enough to show the banner's age counts from the last update, not from when the loss was noticed.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromSeconds(20);

    public static readonly TimeSpan BannerWithin = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan LiveAgainWithin = TimeSpan.FromSeconds(15);

    /// <summary>Notes every update reaching the page (window.__lastUpdate) and returns once one has just arrived.</summary>
    /// <remarks>
    /// Watches the whole document, as the page's own script does, so a beat element that a render replaces is
    /// still seen (an observer on one element would then see nothing more).
    /// </remarks>
    public static Task WatchUpdatesAsync(IPage page) =>
        page.EvaluateAsync("""
            () => new Promise((done, fail) => {
                new MutationObserver(() => { window.__lastUpdate = Date.now(); done(); })
                    .observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-live-beat'] });
                // A page that gets no update at all fails the test instead of hanging it.
                setTimeout(() => fail(new Error(`no update reached ${location.pathname} within 15 s (the page says: ${document.documentElement.dataset.connection})`)), 15000);
            })
            """);

    /// <summary>The banner is up within 10 s of the last update received, and the page's data is still there.</summary>
    public static async Task ExpectBannerAsync(IPage page, ILocator data)
    {
        var banner = page.GetByTestId("connection-banner");
        await Assertions.Expect(banner).ToBeVisibleAsync(new() { Timeout = (float)(BannerWithin + TimeSpan.FromSeconds(2)).TotalMilliseconds });
        var sinceUpdate = await page.EvaluateAsync<double>("() => Date.now() - window.__lastUpdate");
        Assert.True(sinceUpdate <= BannerWithin.TotalMilliseconds, $"the banner came {sinceUpdate / 1000:0.0} s after the last update");
        await Assertions.Expect(banner).ToContainTextAsync("Server unreachable");
        await Assertions.Expect(data.First).ToBeVisibleAsync();
    }

    /// <summary>
    /// Well into the outage: the banner's age is the last update's, relative times are marked with the
    /// moment they describe (the banner's), the footer (if any) says what the banner says, and the data is in view.
    /// </summary>
    public static async Task ExpectHonestAsync(IPage page, ILocator data)
    {
        var banner = page.GetByTestId("connection-banner");
        var sinceUpdate = TimeSpan.FromMilliseconds(await page.EvaluateAsync<double>("() => Date.now() - window.__lastUpdate"));
        var age = await banner.BannerAgeSecondsAsync();
        Assert.InRange(age, (int)sinceUpdate.TotalSeconds - 2, (int)sinceUpdate.TotalSeconds + 1);
        var asOf = await banner.Locator("[data-connection-as-of]").TextContentAsync();
        Assert.Matches(@"^\d\d:\d\d:\d\d$", asOf);
        var times = page.Locator(".tw-ago");
        if (await times.CountAsync() > 0)
        {
            Assert.Equal($"\" (as of {asOf})\"", await times.First.MarkAsync());
        }

        var footer = page.Locator("footer");
        if (await footer.CountAsync() > 0)
        {
            await Assertions.Expect(footer.Locator(".tw-when-live")).ToBeHiddenAsync();
            await Assertions.Expect(footer).ToContainTextAsync($"Not live · last update received {asOf}");
        }

        await Assertions.Expect(data.First).ToBeVisibleAsync();
    }

    /// <summary>Live again within 15 s of recovery: the banner gone because an update arrived.</summary>
    public static async Task ExpectLiveAgainAsync(IPage page)
    {
        await Assertions.Expect(page.GetByTestId("connection-banner")).ToBeHiddenAsync(new() { Timeout = (float)LiveAgainWithin.TotalMilliseconds });
        await Assertions.Expect(page.Locator("html[data-connection='up']")).ToHaveCountAsync(1);
        var footer = page.Locator("footer");
        if (await footer.CountAsync() > 0)
        {
            await Assertions.Expect(footer.Locator(".tw-when-live")).ToBeVisibleAsync();
        }
    }

    /// <summary>The wall's clock is the viewer's time now, kept by the browser (Europe/Berlin in these sessions).</summary>
    public static async Task ExpectClockIsNowAsync(IPage page)
    {
        var right = await page.EvaluateAsync<bool>("""
            () => {
                const f = ms => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms));
                const shown = document.querySelector('[data-viewer-clock]').textContent;
                return shown === f(Date.now()) || shown === f(Date.now() - 1000);
            }
            """);
        Assert.True(right, "the wall's clock does not show the viewer's time");
    }
}
