using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TaskWatch.BrowserTests.Support;
using TaskWatch.Core;
using TaskWatch.Live;

namespace TaskWatch.BrowserTests;

/// <summary>
/// Each page with the keyboard only: Tab reaches every control on screen, the header's links come before the page,
/// each focused control shows a focus ring; Enter and Space sort the grid, Enter opens the registration dialog and
/// Escape closes it.
/// </summary>
public sealed class KeyboardTests
{
    // Marks every visible control the user could reach, then records, for each Tab, which one has focus, whether it
    // sits in the app bar, and whether it shows a ring (outline or box shadow, as computed, not as written in CSS).
    private const string MarkControls = """
        () => {
            const controls = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
                .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden'
                    && e.getBoundingClientRect().bottom <= innerHeight && !e.closest('.mud-snackbar, [aria-hidden=true]'));
            controls.forEach((e, i) => e.setAttribute('data-kb', String(i)));
            return controls.length;
        }
        """;

    private const string FocusState = """
        () => {
            const e = document.activeElement;
            if (!e || e === document.body) return null;
            const s = getComputedStyle(e);
            const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
            const name = (e.getAttribute('aria-label') || e.textContent || e.getAttribute('placeholder') || e.id || '').trim();
            return JSON.stringify({ kb: e.getAttribute('data-kb'), header: !!e.closest('header, .mud-appbar'),
                what: (e.tagName + (e.className ? '.' + String(e.className).split(' ')[0] : '') + ' ' + name).slice(0, 70)
                    + (e.closest('[data-testid]') ? ' #' + e.closest('[data-testid]').getAttribute('data-testid') : ''), ring });
        }
        """;

    private const string Unreached = """
        reached => [...document.querySelectorAll('[data-kb]')]
            .filter(e => !reached.includes(e.getAttribute('data-kb')) && e.getClientRects().length > 0)
            .map(e => (e.tagName + ' ' + (e.getAttribute('aria-label') || e.textContent || e.id || '').trim()).slice(0, 60))
        """;

    [Fact]
    public async Task EveryPage_TabOnly_ReachesEveryControl_HeaderFirst_WithAVisibleFocusRing()
    {
        await using var session = await BrowserSession.StartAsync(width: 1400, height: 900);
        var page = session.Page;
        var job = await FailedJobAsync(session);
        var problems = new List<string>();
        foreach (var path in new[] { "/", "/history", "/" + JobLink.PathOf(job.Key), "/wall" })
        {
            await page.GotoAsync(session.Url(path));
            await page.WaitForCircuitAsync();
            await page.WaitForTimeoutAsync(1000);
            var count = await page.EvaluateAsync<int>(MarkControls);
            // From the top of the page, as a keyboard user who starts there (the router puts focus on the h1 after a
            // navigation, for screen readers; Tab from there starts in the page, Shift+Tab reaches the header).
            await page.EvaluateAsync("() => { const s = document.createElement('span'); s.tabIndex = -1; document.body.prepend(s); s.focus(); }");
            var reached = new HashSet<string>();
            var order = new List<(bool Header, string What)>();
            for (var presses = 0; presses < count + 40 && reached.Count < count; presses++)
            {
                await page.Keyboard.PressAsync("Tab");
                var json = await page.EvaluateAsync<string?>(FocusState);
                if (json is null)
                {
                    order.Add((false, "(nothing: the page's body)"));
                    continue;
                }

                var state = JsonDocument.Parse(json).RootElement;
                var what = state.GetProperty("what").GetString()!;
                if (state.GetProperty("kb").GetString() is { } kb && !reached.Add(kb))
                {
                    order.Add((state.GetProperty("header").GetBoolean(), "again: " + what));
                    break; // round again: Tab has been everywhere
                }

                order.Add((state.GetProperty("header").GetBoolean(), what));
                if (!state.GetProperty("ring").GetBoolean())
                {
                    problems.Add($"{path}: no visible focus ring on {what}");
                }
            }

            var missed = await page.EvaluateAsync<string[]>(Unreached, reached.ToArray());
            problems.AddRange(missed.Select(m => $"{path}: Tab never reaches {m}"));
            // Without the "(nothing…)" stops and the "again:" one that ends a round: when live changes take marked rows
            // out of the grid's window, the walk ends by wrapping round to the header, which is not the header after the page.
            var controls = order.Where(o => !o.What.StartsWith('(') && !o.What.StartsWith("again: ", StringComparison.Ordinal)).ToList();
            var firstInPage = controls.FindIndex(o => !o.Header);
            var lastInHeader = controls.FindLastIndex(o => o.Header);
            if (path != "/wall" && (lastInHeader < 0 || firstInPage < lastInHeader))
            {
                problems.Add($"{path}: the header's links do not all come before the page");
            }

            if (problems.Any(p => p.StartsWith(path + ":", StringComparison.Ordinal)))
            {
                problems.Add($"{path}: the order was {string.Join(" → ", order.Select(o => (o.Header ? "[header] " : "") + o.What))}");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task Dashboard_EnterAndSpace_SortTheGrid_EnterOpensRegistration_EscapeClosesIt()
    {
        await using var session = await BrowserSession.StartAsync(width: 1400, height: 900);
        var page = session.Page;
        await page.GotoAsync(session.Url("/"));
        await page.WaitForCircuitAsync();
        await page.Locator("tr:has([data-job-id])").First.WaitForAsync(new() { Timeout = 30_000 });

        var status = page.Locator("th.tw-col-status");
        var project = page.Locator("th.tw-col-project");
        await Assertions.Expect(status).ToHaveAttributeAsync("aria-sort", "none");
        await status.Locator("button").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(status).ToHaveAttributeAsync("aria-sort", "ascending", new() { Timeout = 20_000 });
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("sort=Status"));
        // The sort keeps the focus where it was: a second key sorts the other way.
        await Assertions.Expect(status.Locator("button")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(status).ToHaveAttributeAsync("aria-sort", "descending", new() { Timeout = 20_000 });
        await project.Locator("button").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(project).ToHaveAttributeAsync("aria-sort", "ascending", new() { Timeout = 20_000 });
        await Assertions.Expect(status).ToHaveAttributeAsync("aria-sort", "none");

        var open = page.GetByTestId("open-register");
        await open.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Register jobs" });
        await Assertions.Expect(dialog).ToBeVisibleAsync(new() { Timeout = 20_000 });
        // The dialog takes the focus, so the keyboard user types into it, not into the page behind.
        await page.WaitForFunctionAsync("() => !!document.activeElement?.closest('.mud-dialog')", null, new() { Timeout = 20_000 });
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToBeHiddenAsync(new() { Timeout = 20_000 });
    }

    private static async Task<JobView> FailedJobAsync(BrowserSession session)
    {
        var live = session.Host.Services.GetRequiredService<LiveJobStore>();
        for (var i = 0; i < 240; i++)
        {
            if (live.Snapshot().FirstOrDefault(j => j.State == JobState.Failed) is { } job)
            {
                return job;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        throw new InvalidOperationException("the simulator had no failed job after 60 s");
    }
}
