using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TaskWatch.Alerts;
using TaskWatch.Cloud;
using TaskWatch.Core;
using TaskWatch.Live;
using TaskWatch.Simulator;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Alerts;

/// <summary>Alerts end to end: the real app, its simulator, a real database and a loopback webhook receiver.</summary>
public sealed class AlertDeliveryTests
{
    private const string Secret = "xoxb-SECRET-4f1e2d3c";
    private const string Project = "demo-dds-eu-de";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task SimulatorFailure_ReachesTheWebhookExactlyOnce_WithALinkAndWithoutTheSecretInAnyLog()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var logs = new CapturedLogs();
        var settings = Settings(receiver, ["Failed"]);
        settings["Logging:LogLevel:Default"] = "Trace";
        await using var app = await TestApp.StartAsync(settings, configure: b =>
        {
            b.Logging.ClearProviders();
            b.Logging.AddProvider(logs);
        });
        var sim = app.Host.Demo!.Simulator;
        var job = sim.StartJob(ProjectOf(app), speed: 10, failShare: 1); // runs a few seconds, then fails
        (await app.Http.PostAsJsonAsync("/api/jobs", new { project = Project, jobId = job.Id }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        var delivery = await TestApp.EventuallyAsync(async () =>
        {
            var list = await app.Http.GetFromJsonAsync<JsonElement>("/api/alerts/deliveries");
            return list.EnumerateArray().FirstOrDefault(d => d.GetProperty("jobId").GetString() == job.Id && d.GetProperty("status").GetString() == "Delivered") is { ValueKind: JsonValueKind.Object } d ? d : (JsonElement?)null;
        }, Patience, "the failure alert to be delivered");

        Assert.Equal("Failed", delivery.GetProperty("event").GetString());
        Assert.Equal("hook", delivery.GetProperty("channel").GetString());
        var bodies = BodiesFor(receiver, job.Id);
        var body = Assert.Single(bodies);
        Assert.Equal("Failed", body.GetProperty("event").GetString());
        Assert.Equal("Failed", body.GetProperty("state").GetString());
        Assert.Equal(job.FailReason, body.GetProperty("failReason").GetString());
        Assert.Equal($"https://taskwatch.example.com/jobs/{Project}/{job.Id}#ack", body.GetProperty("link").GetString());
        Assert.Equal(Project, body.GetProperty("job").GetProperty("project").GetString());

        // Logs were captured (the delivery is logged by host), and no line holds the URL's secret.
        Assert.Contains(logs.Lines, l => l.Contains("delivered to channel hook (host 127.0.0.1)", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, await app.Http.GetStringAsync("/api/alerts/deliveries", TestContext.Current.CancellationToken), StringComparison.Ordinal);

        // The delivery log page shows it (prerendered HTML), without the URL.
        var page = await app.Http.GetStringAsync("/alerts", TestContext.Current.CancellationToken);
        Assert.Contains(job.Id, page, StringComparison.Ordinal);
        Assert.Contains("Delivered", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, page, StringComparison.Ordinal);

        // The opt-in notifier's script is served for FailureNotifier to import.
        Assert.Contains("export function notifyFailure", await app.Http.GetStringAsync("/js/alerts.js", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachRule_FiresExactlyOnce_AcrossARestartOnTheSameDatabase()
    {
        using var folder = new TempFolder();
        var db = Path.Combine(folder.Path, "tw.db");
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = Settings(receiver, ["Failed", "Completed", "NotFound", "Overdue"]);
        settings["TaskWatch:Polling:NotFoundGrace"] = "00:00:02";
        settings["TaskWatch:Polling:NotFoundInterval"] = "00:00:01";
        settings["TaskWatch:Insight:StallAfter"] = "00:00:02";
        var missing = Guid.NewGuid().ToString();
        SimulatedJob failing, completing, stalled;

        await using (var app = await TestApp.StartAsync(settings, db))
        {
            var sim = app.Host.Demo!.Simulator;
            failing = sim.StartJob(ProjectOf(app), speed: 10, failShare: 1);
            completing = sim.StartJob(ProjectOf(app), speed: 10, failShare: 0);
            stalled = sim.StartJob(ProjectOf(app), speed: 0.001, failShare: 0); // progress will not move for hours
            foreach (var id in new[] { failing.Id, completing.Id, stalled.Id, missing })
            {
                (await app.Http.PostAsJsonAsync("/api/jobs", new { project = Project, jobId = id }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
            }

            await TestApp.EventuallyAsync(async () =>
            {
                var list = await app.Http.GetFromJsonAsync<JsonElement>("/api/alerts/deliveries");
                var delivered = list.EnumerateArray().Where(d => d.GetProperty("status").GetString() == "Delivered")
                    .Select(d => (d.GetProperty("jobId").GetString(), d.GetProperty("event").GetString())).ToHashSet();
                // Every claimed delivery settled too: on a loaded machine a fast job can also be seen stalled, and
                // that extra alert, still on the wire when the app stops, would reach the receiver after the count below.
                var settled = list.EnumerateArray().All(d => d.GetProperty("status").GetString() != "Pending");
                return settled && delivered.Contains((failing.Id, "Failed")) && delivered.Contains((completing.Id, "Completed"))
                    && delivered.Contains((stalled.Id, "Overdue")) && delivered.Contains((missing, "NotFound")) ? true : (bool?)null;
            }, Patience, "an alert for each rule's event, and every delivery settled");
        }

        // The demo's own history jobs (started with each run) end and alert too: only this test's jobs are counted.
        var ours = new HashSet<string>([failing.Id, completing.Id, stalled.Id, missing]);
        int Ours() => receiver.Bodies.Count(b => ours.Contains(b.GetProperty("job").GetProperty("jobId").GetString()!));
        var received = Ours();
        var others = receiver.Requests - received;
        var restarted = DateTime.UtcNow;
        await using (var again = await TestApp.StartAsync(settings, db))
        {
            // The demo retires its jobs on restart (its simulator starts empty): hand the stalled job to the new
            // simulator and resume tracking it and the missing one, so the same events happen again. The
            // finished jobs stay finished: they are never read again, so they could not fire anyway.
            again.Host.Demo!.Simulator.Add(stalled with { ProjectId = ProjectOf(again).ProjectId });
            foreach (var id in new[] { stalled.Id, missing })
            {
                (await again.Http.PostAsJsonAsync("/api/jobs", new { project = Project, jobId = id }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
            }

            var live = again.Service<LiveJobStore>();
            await TestApp.EventuallyAsync(
                () => Task.FromResult(live.Find(new JobKey(Project, stalled.Id)) is { IsOverdue: true } && live.Find(new JobKey(Project, missing))?.NextPollUtc >= restarted.AddSeconds(1) ? true : (bool?)null),
                Patience,
                "the restarted app to see the overdue and the missing job again");
            var api = await again.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/{Project}/{stalled.Id}", TestContext.Current.CancellationToken);
            Assert.True(api.GetProperty("job").GetProperty("overdue").GetBoolean());
            Assert.Contains("progress stuck", api.GetProperty("job").GetProperty("overdueReason").GetString(), StringComparison.Ordinal);
            var delivery = again.Service<AlertDeliveryService>();
            // Handled counts other jobs' deliveries too; each reaches the receiver before it is counted, so this waits
            // for at least two of this test's requests to be handled.
            await TestApp.EventuallyAsync(() => Task.FromResult(delivery.Handled - (receiver.Requests - Ours() - others) >= 2 ? true : (bool?)null), Patience, "the repeated events to reach the delivery service");
        }

        Assert.Equal(received, Ours());
        var pairs = receiver.Bodies.Select(b => (Job: b.GetProperty("job").GetProperty("jobId").GetString(), Event: b.GetProperty("event").GetString())).Where(p => ours.Contains(p.Job!)).ToList();
        Assert.Equal(pairs.Count, pairs.Distinct().Count());
        Assert.Single(pairs, p => p == (failing.Id, "Failed"));
        Assert.Single(pairs, p => p == (completing.Id, "Completed"));
        Assert.Single(pairs, p => p == (stalled.Id, "Overdue"));
        Assert.Single(pairs, p => p == (missing, "NotFound"));
    }

    private static Dictionary<string, string?> Settings(WebhookReceiver receiver, string[] events)
    {
        var settings = new Dictionary<string, string?>
        {
            ["TaskWatch:Demo:JobsPerMinute"] = "0.1",
            ["TaskWatch:Alerts:PublicBaseUrl"] = "https://taskwatch.example.com",
            ["TaskWatch:Alerts:RetryDelay"] = "00:00:00.050",
            ["TaskWatch:Alerts:Channels:hook:Kind"] = "Webhook",
            ["TaskWatch:Alerts:Channels:hook:Url"] = receiver.UrlWithSecret(Secret),
            ["TaskWatch:Alerts:Rules:mine:Projects:0"] = Project,
            ["TaskWatch:Alerts:Rules:mine:Channels:0"] = "hook",
        };
        for (var i = 0; i < events.Length; i++)
        {
            settings[$"TaskWatch:Alerts:Rules:mine:On:{i}"] = events[i];
        }

        return settings;
    }

    private static List<JsonElement> BodiesFor(WebhookReceiver receiver, string jobId) =>
        [.. receiver.Bodies.Where(b => b.GetProperty("job").GetProperty("jobId").GetString() == jobId)];

    private static SimulatedProject ProjectOf(TestApp app) => app.Host.Demo!.Simulator.FindProject(app.Service<ProjectCatalog>().Find(Project)!.ProjectId)!;
}
