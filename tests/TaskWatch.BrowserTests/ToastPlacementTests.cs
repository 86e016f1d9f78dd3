using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TaskWatch.BrowserTests.Support;
using TaskWatch.Core;
using TaskWatch.Live;

namespace TaskWatch.BrowserTests;

/// <summary>
/// A failure's toast never lies over a dashboard row's controls (Stop, Take it, the job's and instance's links): a person
/// reaching for "Take it" on the row that just failed must not hit the toast instead, on the laptop widths people use.
/// </summary>
public sealed class ToastPlacementTests
{
    // Every visible toast against every row control that is in view inside the grid's own scroll box; the names of any overlap.
    private const string Overlaps = """
        () => {
          const box = document.querySelector('[data-testid=jobs-grid] .mud-table-container').getBoundingClientRect();
          const toasts = [...document.querySelectorAll('.mud-snackbar')].map(t => t.getBoundingClientRect()).filter(r => r.width > 0);
          const controls = [...document.querySelectorAll('[data-testid=jobs-grid] tr:has([data-job-id]) :is(a, button, input, summary, [role=button])')]
            .map(c => ({ name: (c.getAttribute('aria-label') || c.textContent).trim().slice(0, 40), r: c.getBoundingClientRect() }))
            .filter(c => c.r.width > 0 && c.r.bottom > box.top && c.r.top < box.bottom && c.r.bottom > 0 && c.r.top < innerHeight);
          const hits = [];
          for (const t of toasts)
            for (const c of controls)
              if (t.left < c.r.right && c.r.left < t.right && t.top < c.r.bottom && c.r.top < t.bottom) hits.push(c.name + ' at ' + Math.round(c.r.top));
          return { toasts: toasts.length, controls: controls.length, lowestToast: Math.round(Math.max(0, ...toasts.map(t => t.bottom))), gridTop: Math.round(box.top), hits };
        }
        """;

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(1400, 900)]
    public async Task Dashboard_JobsFailWhileOpen_ToastsStayOffEveryRowControl(int width, int height)
    {
        await using var session = await BrowserSession.StartAsync(new Dictionary<string, string?> { ["TaskWatch:Demo:Enabled"] = "false" }, width: width, height: height);
        var live = session.Host.Services.GetRequiredService<LiveJobStore>();
        var now = DateTime.UtcNow;
        // Running rows first in the grid's default order, then failed ones, each with Take it and Stop: both in view.
        live.Publish([.. Enumerable.Range(0, 12).Select(i => Failed($"old-{i:00}", now.AddMinutes(-i - 5))), .. Enumerable.Range(0, 6).Select(i => Running(i, now))]);
        live.MarkPollerAlive();
        var page = session.Page;
        await page.GotoAsync(session.Url("/"));
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByTestId("row-ack").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.WaitForTimeoutAsync(1500);

        // Failures one after another, each a toast of its own, with a reason long enough to wrap: as many as are shown at once.
        for (var i = 0; i < 4; i++)
        {
            live.MarkPollerAlive();
            live.Publish([Failed($"new-{i:00}", DateTime.UtcNow)]);
            await page.WaitForTimeoutAsync(400);
        }

        await Assertions.Expect(page.Locator(".mud-snackbar")).Not.ToHaveCountAsync(0, new() { Timeout = 10_000 });
        // Past the toasts' fade-in, while they are all still shown.
        await page.WaitForTimeoutAsync(600);
        var atTop = await page.EvaluateAsync<Placement>(Overlaps);
        TestContext.Current.SendDiagnosticMessage($"{width}x{height}: {atTop.Toasts} toasts down to {atTop.LowestToast} px, grid from {atTop.GridTop} px, {atTop.Controls} row controls in view");
        Assert.True(atTop.Toasts >= 1, "no toast shown: nothing was tested");
        Assert.True(atTop.Controls >= 10, $"{atTop.Controls} row controls in view: nothing to cover");
        Assert.True(atTop.Hits.Length == 0, $"at {width}x{height} a toast (down to {atTop.LowestToast} px) covers {string.Join(", ", atTop.Hits)} (grid from {atTop.GridTop} px)");

        // The page scrolled as far as it goes (the grid's box then sits highest): still clear.
        await page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
        var scrolled = await page.EvaluateAsync<Placement>(Overlaps);
        Assert.True(scrolled.Hits.Length == 0, $"at {width}x{height}, scrolled down, a toast (down to {scrolled.LowestToast} px) covers {string.Join(", ", scrolled.Hits)} (grid from {scrolled.GridTop} px)");
    }

    private static JobView Failed(string id, DateTime endedUtc) => new()
    {
        Key = new JobKey("toast-rds", id),
        Service = CloudService.Rds,
        Name = "SwitchoverPostgresqlMasterStandby",
        State = JobState.Failed,
        Phase = PollPhase.Done,
        InstanceId = "inst-" + id,
        InstanceName = "rds-eu-de-" + id,
        FailReason = "Insufficient quota: the volume size exceeds the remaining EVS quota of the project, and this sentence runs long enough to wrap in a toast.",
        CreatedUtc = endedUtc.AddMinutes(-20),
        EndedUtc = endedUtc,
        RegisteredUtc = endedUtc.AddMinutes(-20),
    };

    private static JobView Running(int i, DateTime now) => new()
    {
        Key = new JobKey("toast-rds", $"run-{i:00}"),
        Service = CloudService.Rds,
        Name = "ResizeFlavor_Volume",
        State = JobState.Running,
        Phase = PollPhase.Active,
        Progress = (i * 7) % 100,
        InstanceId = $"inst-run-{i}",
        InstanceName = $"rds-eu-de-{i:000}",
        CreatedUtc = now.AddMinutes(-i - 1),
        RegisteredUtc = now.AddMinutes(-i - 1),
    };

    private sealed class Placement
    {
        public int Toasts { get; set; }

        public int Controls { get; set; }

        public int LowestToast { get; set; }

        public int GridTop { get; set; }

        public string[] Hits { get; set; } = [];
    }
}
