using Microsoft.Extensions.DependencyInjection;
using TaskWatch.BrowserTests.Support;
using TaskWatch.Core;
using TaskWatch.Live;

namespace TaskWatch.BrowserTests;

/// <summary>
/// The wall on the screens it is hung on, with none, a few, more than a page and many running jobs (and ten failures):
/// no tile and no card is cut, what does not fit is on the next page or counted as "and N more", and both stay in view.
/// </summary>
public sealed class WallFitTests
{
    private static readonly (int Width, int Height)[] Screens = [(1920, 1080), (1600, 1000), (3840, 2160)];

    private static readonly int[] RunningCounts = [0, 5, 16, 60];

    [Fact]
    public async Task Wall_AnyScreenAnyCount_NoTileOrCardCut_PagesAndMoreInView()
    {
        await using var session = await BrowserSession.StartAsync(new Dictionary<string, string?> { ["TaskWatch:Demo:Enabled"] = "false" }, width: 1920, height: 1080);
        var live = session.Host.Services.GetRequiredService<LiveJobStore>();
        var page = session.Page;
        var problems = new List<string>();
        foreach (var count in RunningCounts)
        {
            foreach (var key in live.Snapshot().Select(j => j.Key).ToList())
            {
                live.Remove(key);
            }

            var now = DateTime.UtcNow;
            live.Publish([.. Enumerable.Range(0, count).Select(i => Running(i, now)), .. Enumerable.Range(0, 10).Select(i => Failed(i, now))]);
            foreach (var (width, height) in Screens)
            {
                live.MarkPollerAlive();
                await page.SetViewportSizeAsync(width, height);
                await page.GotoAsync(session.Url("/wall"));
                await page.WaitForCircuitAsync();
                // The browser has measured and the server has paged by it (a render after the circuit came up).
                await page.WaitForTimeoutAsync(1500);
                var report = await page.EvaluateAsync<string>(FitReport);
                if (report.Length > 0)
                {
                    problems.Add($"{width}×{height}, {count} running: {report}");
                }

                if (count == 16 && width == 1920)
                {
                    await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.DocsFolder(), "wall-16-running.png") });
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    // Empty when all is well; otherwise what is cut or out of view.
    private const string FitReport = """
        () => {
            const out = [];
            const inside = (el, box) => { const r = el.getBoundingClientRect(); return r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5 && r.left >= box.left - 0.5 && r.right <= box.right + 0.5; };
            const screen = { top: 0, left: 0, bottom: window.innerHeight, right: window.innerWidth };
            if (document.documentElement.scrollHeight > window.innerHeight) out.push('the page scrolls');
            const running = document.querySelector('.tw-wall-running');
            const failures = document.querySelector('.tw-wall-failures');
            const tiles = [...document.querySelectorAll('.tw-wall-tile')];
            const cards = [...document.querySelectorAll('.tw-wall-failure')];
            tiles.forEach(t => { if (!inside(t, running.getBoundingClientRect()) || !inside(t, screen)) out.push('tile ' + t.dataset.jobId + ' cut'); });
            cards.forEach(c => { if (!inside(c, failures.getBoundingClientRect()) || !inside(c, screen)) out.push('card ' + c.dataset.jobId + ' cut'); });
            const heading = running && running.querySelector('h2').textContent;
            const total = Number((heading.match(/Running \((\d+)\)/) || [])[1]);
            if (tiles.length < total && !/page 1 of \d+/.test(heading)) out.push(`${tiles.length} of ${total} tiles shown and no page count: ${heading}`);
            const more = document.querySelector('[data-testid=failures-more]');
            if (cards.length < 10 && (!more || more.textContent.trim() !== `and ${10 - cards.length} more` || !inside(more, screen) || !inside(more, failures.getBoundingClientRect()))) out.push(`${cards.length} of 10 cards and no visible "and ${10 - cards.length} more"`);
            if (cards.length === 0) out.push('no failure card shown');
            if (total > 0 && tiles.length === 0) out.push('no tile shown');
            return out.join('; ');
        }
        """;

    private static JobView Running(int i, DateTime now) => new()
    {
        Key = new JobKey("wall-rds", $"run-{i:00}-" + new string('a', 8)),
        Service = CloudService.Rds,
        Name = i % 3 == 0 ? "RestoreSqlserverInInstanceWithAVeryLongName" : "ResizeFlavor_Volume",
        State = JobState.Running,
        Phase = PollPhase.Active,
        Progress = (i * 7) % 100,
        InstanceId = $"inst-{i}",
        InstanceName = $"rds-eu-de-{i:000}",
        CreatedUtc = now.AddMinutes(-i - 1),
        RegisteredUtc = now.AddMinutes(-i - 1),
    };

    private static JobView Failed(int i, DateTime now) => new()
    {
        Key = new JobKey("wall-rds", $"fail-{i:00}"),
        Service = CloudService.Rds,
        Name = "SwitchoverPostgresqlMasterStandby",
        State = JobState.Failed,
        Phase = PollPhase.Done,
        // Previous failures of some running instances: their tiles carry the extra line.
        InstanceId = $"inst-{i}",
        InstanceName = $"rds-eu-de-{i:000}",
        FailReason = i % 2 == 0 ? "createVM failed." : "Insufficient quota: the volume size exceeds the remaining EVS quota of the project, and this sentence runs long enough to need more than two lines on any wall.",
        CreatedUtc = now.AddMinutes(-30 - i),
        EndedUtc = now.AddMinutes(-10 - i),
        RegisteredUtc = now.AddMinutes(-30 - i),
    };
}
