using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TaskWatch.BrowserTests.Support;
using TaskWatch.Cloud;
using TaskWatch.Core;
using TaskWatch.Live;
using TaskWatch.Simulator;
using TaskWatch.Tracking;

namespace TaskWatch.BrowserTests;

/// <summary>Taking a failure from the wall with the keyboard, and an instance's page with a failed and a running job, in Chromium.</summary>
public sealed class AcknowledgeAndInstanceTests
{
    private const string Project = "demo-dds-eu-de";
    private const string Instance = "d87f5b33049144ec95f0cab0a5f22cfbin31";

    /// <summary>Two failures and a job running for hours on one instance, registered as a user would.</summary>
    private static async Task<(string Taken, string Open, string Running)> AddJobsAsync(BrowserSession session)
    {
        var sim = session.Host.Demo!.Simulator;
        var project = sim.FindProject(session.Host.Services.GetRequiredService<ProjectCatalog>().Find(Project)!.ProjectId)!;
        var kind = SimulatedJobKind.All.First(k => k.Service == CloudService.Dds);
        SimulatedJob Job(string id, string name, TimeSpan duration, double? failsAt, string? reason) => new()
        {
            Id = id, ProjectId = project.ProjectId, Kind = kind, InstanceId = Instance, InstanceName = name, CreatedUtc = sim.UtcNow,
            Invisible = TimeSpan.Zero, Duration = duration, FailsAt = failsAt, FailReason = reason,
        };
        var taken = Job("7a1e3a7e-0d6b-4a59-9f0e-2f4d7a1b9c31", "dds-orders", TimeSpan.FromMinutes(1), 0.5, "Failed to upgrade the DB Agent.");
        var open = Job("7a1e3a7e-0d6b-4a59-9f0e-2f4d7a1b9c32", "dds-orders", TimeSpan.FromMinutes(1), 0.6, "The disk is full.");
        var running = Job("7a1e3a7e-0d6b-4a59-9f0e-2f4d7a1b9c33", "dds-orders", TimeSpan.FromHours(10), null, null);
        foreach (var job in new[] { taken, open, running })
        {
            sim.Add(job);
        }

        var results = await session.Host.Services.GetRequiredService<JobRegistrar>()
            .RegisterAsync([(Project, taken.Id), (Project, open.Id), (Project, running.Id)], RegistrationSource.Api, TestContext.Current.CancellationToken);
        Assert.All(results, r => Assert.True(r.Accepted));
        var live = session.Host.Services.GetRequiredService<LiveJobStore>();
        for (var i = 0; i < 240 && live.Snapshot().Count(j => j.InstanceId == Instance && j.State == JobState.Failed) < 2; i++)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        Assert.Equal(2, live.Snapshot().Count(j => j.InstanceId == Instance && j.State == JobState.Failed));
        return (taken.Id, open.Id, running.Id);
    }

    [Fact]
    public async Task Wall_TakeAFailureFromItsCard_WithTheKeyboard_TheCardMovesDownAndSaysWho()
    {
        await using var session = await BrowserSession.StartAsync(new Dictionary<string, string?>
        {
            ["TaskWatch:Demo:JobsPerMinute"] = "2",
            ["TaskWatch:Runbooks:disk-full:Url"] = "https://wiki.example.com/runbooks/disk-full",
            ["TaskWatch:Runbooks:disk-full:Title"] = "Disk full",
            ["TaskWatch:Runbooks:disk-full:FailReason"] = "disk (is )?full",
        }, width: 1920, height: 1080);
        var (taken, open, _) = await AddJobsAsync(session);
        var page = session.Page;
        await page.GotoAsync(session.Url("/wall?project=" + Project));
        await page.WaitForCircuitAsync();
        // The prerendered cards are replaced by the interactive ones just after the circuit is up (focus and a key press with them).
        await page.WaitForTimeoutAsync(1500);
        var card = page.Locator($".tw-wall-failure[data-job-id='{taken}']");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-acknowledged", "false");
        await Assertions.Expect(page.Locator($".tw-wall-failure[data-job-id='{open}'] [data-testid=runbook-link]")).ToHaveTextAsync("Disk full ↗ (opens in a new tab)");
        await Assertions.Expect(card.GetByTestId("no-runbook")).ToBeVisibleAsync();

        // From the card's name, the keyboard alone: Tab past the instance's link to "Take it", Enter; the note dialog
        // opens with the focus in its note field; type the note, Enter.
        await card.Locator(".tw-wall-failure-name a").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("ack-button", await page.EvaluateAsync<string?>("() => document.activeElement?.dataset.testid"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("ack-dialog-note")).ToBeFocusedAsync(new() { Timeout = 15_000 });
        await page.Keyboard.TypeAsync("INC-4711");
        await page.Keyboard.PressAsync("Enter");
        var pressed = System.Diagnostics.Stopwatch.StartNew();
        await Assertions.Expect(card).ToHaveAttributeAsync("data-acknowledged", "true", new() { Timeout = 15_000 });
        TestContext.Current.SendDiagnosticMessage($"acknowledged on the wall {pressed.ElapsedMilliseconds} ms after Enter");
        await Assertions.Expect(card.GetByTestId("on-it")).ToHaveTextAsync("on it: this machine, INC-4711");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        // Taken, it goes below every failure nobody has taken.
        var order = await page.Locator(".tw-wall-failure").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.acknowledged)");
        Assert.Equal(order.OrderBy(a => a == "true").ToArray(), order);
        await Assertions.Expect(page.Locator(".tw-wall-failures h2")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^✖ Failed \(\d+\) · \d+ unacknowledged$"));
        await page.WaitForTimeoutAsync(500);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.DocsFolder(), "wall-acknowledged.png") });

        // The job page records it in its timeline.
        await page.GotoAsync(session.Url("/" + JobLink.PathOf(new JobKey(Project, taken))));
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("acknowledged by this machine");
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("INC-4711");
    }

    [Fact]
    public async Task InstancePage_WithAFailedAndARunningJob_SaysBusy_AndListsThemNewestFirst()
    {
        await using var session = await BrowserSession.StartAsync(new Dictionary<string, string?> { ["TaskWatch:Demo:JobsPerMinute"] = "2" }, width: 1400, height: 900);
        var (taken, open, running) = await AddJobsAsync(session);
        var page = session.Page;
        // Reached from the job page's instance link, as a person would.
        await page.GotoAsync(session.Url("/" + JobLink.PathOf(new JobKey(Project, open))));
        await page.WaitForCircuitAsync();
        await page.GetByTestId("instance-link").ClickAsync();
        await page.WaitForURLAsync($"**/instances/{Project}/{Instance}");

        await Assertions.Expect(page.GetByTestId("busy")).ToContainTextAsync("Running since");
        var rows = page.Locator("[data-testid=instance-jobs] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        var ids = await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.jobId)");
        Assert.Contains(running, ids);
        Assert.Contains(taken, ids);
        await Assertions.Expect(page.GetByTestId("instance-kinds")).ToContainTextAsync("2 failed of 2 finished");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.DocsFolder(), "instance.png"), FullPage = true });
    }
}
