using System.Net.Http.Json;
using System.Text.Json;
using TaskWatch.Cloud;
using TaskWatch.Simulator;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Alerts;

/// <summary>The Alertmanager channel against a real Alertmanager, read back through its own API.</summary>
public sealed class AlertmanagerChannelTests
{
    private const string Project = "demo-dds-eu-de";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task OverdueJob_FiresAnAlertWithItsLabels_AndItsEndResolvesIt()
    {
        await using var alertmanager = await AlertmanagerServer.StartAsync();
        await using var app = await TestApp.StartAsync(Settings(alertmanager));
        var sim = app.Host.Demo!.Simulator;
        var project = sim.FindProject(app.Service<ProjectCatalog>().Find(Project)!.ProjectId)!;
        var stalled = sim.StartJob(project, speed: 0.001, failShare: 0); // progress will not move for hours
        (await app.Http.PostAsJsonAsync("/api/jobs", new { project = Project, jobId = stalled.Id }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        using var am = new HttpClient { BaseAddress = alertmanager.BaseUri };

        var alert = await TestApp.EventuallyAsync(async () => await FindAsync(am, stalled.Id), Patience, "the overdue alert in Alertmanager");

        var labels = alert.GetProperty("labels");
        Assert.Equal("TaskWatchJobOverdue", labels.GetProperty("alertname").GetString());
        Assert.Equal("Overdue", labels.GetProperty("event").GetString());
        Assert.Equal(Project, labels.GetProperty("project").GetString());
        Assert.Equal("Dds", labels.GetProperty("service").GetString());
        Assert.Equal(stalled.Kind.Name.Trim(), labels.GetProperty("job_name").GetString());
        Assert.Equal(stalled.InstanceName, labels.GetProperty("instance").GetString());
        var annotations = alert.GetProperty("annotations");
        Assert.Contains("progress stuck", annotations.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal($"https://taskwatch.example.com/jobs/{Project}/{stalled.Id}#ack", annotations.GetProperty("link").GetString());
        Assert.Equal("active", alert.GetProperty("status").GetProperty("state").GetString());
        // Held for ResolveAfter, not Alertmanager's own five-minute resolve_timeout.
        Assert.True(alert.GetProperty("endsAt").GetDateTime() > DateTime.UtcNow.AddMinutes(90));

        // The job ends: TaskWatch sends the alert's end, and Alertmanager no longer lists it as active.
        sim.Add(stalled with { Duration = TimeSpan.Zero });
        await TestApp.EventuallyAsync(async () => await FindAsync(am, stalled.Id) is null ? true : (bool?)null, Patience, "the alert to be resolved");
        var deliveries = await app.Http.GetFromJsonAsync<JsonElement>("/api/alerts/deliveries", TestContext.Current.CancellationToken);
        Assert.Contains(deliveries.EnumerateArray(), d => d.GetProperty("event").GetString() == "OverdueResolved" && d.GetProperty("status").GetString() == "Delivered");
    }

    [Fact]
    public async Task OverdueAlertFiredBeforeARestart_IsResolvedWhenTheJobEndsAfterIt()
    {
        await using var alertmanager = await AlertmanagerServer.StartAsync();
        using var folder = new TempFolder();
        var db = Path.Combine(folder.Path, "tw.db");
        var settings = Settings(alertmanager);
        using var am = new HttpClient { BaseAddress = alertmanager.BaseUri };
        SimulatedJob stalled;
        await using (var app = await TestApp.StartAsync(settings, db))
        {
            var sim = app.Host.Demo!.Simulator;
            stalled = sim.StartJob(ProjectOf(app), speed: 0.001, failShare: 0);
            (await app.Http.PostAsJsonAsync("/api/jobs", new { project = Project, jobId = stalled.Id }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
            await TestApp.EventuallyAsync(async () => await FindAsync(am, stalled.Id), Patience, "the overdue alert in Alertmanager");
        }

        // A new run: the job, now ended, is read again (the demo's simulator starts empty: it is handed over).
        await using var again = await TestApp.StartAsync(settings, db);
        again.Host.Demo!.Simulator.Add(stalled with { ProjectId = ProjectOf(again).ProjectId, Duration = TimeSpan.Zero });
        (await again.Http.PostAsJsonAsync("/api/jobs", new { project = Project, jobId = stalled.Id }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        await TestApp.EventuallyAsync(async () => await FindAsync(am, stalled.Id) is null ? true : (bool?)null, Patience, "the alert fired before the restart to be resolved");
    }

    private static Dictionary<string, string?> Settings(AlertmanagerServer alertmanager) => new()
    {
        ["TaskWatch:Demo:JobsPerMinute"] = "0.1",
        ["TaskWatch:Insight:StallAfter"] = "00:00:02",
        ["TaskWatch:Alerts:PublicBaseUrl"] = "https://taskwatch.example.com",
        ["TaskWatch:Alerts:RetryDelay"] = "00:00:00.050",
        ["TaskWatch:Alerts:Channels:am:Kind"] = "Alertmanager",
        ["TaskWatch:Alerts:Channels:am:Url"] = alertmanager.BaseUri.AbsoluteUri,
        ["TaskWatch:Alerts:Channels:am:ResolveAfter"] = "02:00:00",
        ["TaskWatch:Alerts:Rules:ops:Projects:0"] = Project,
        ["TaskWatch:Alerts:Rules:ops:On:0"] = "Overdue",
        ["TaskWatch:Alerts:Rules:ops:Channels:0"] = "am",
    };

    private static SimulatedProject ProjectOf(TestApp app) => app.Host.Demo!.Simulator.FindProject(app.Service<ProjectCatalog>().Find(Project)!.ProjectId)!;

    private static async Task<JsonElement?> FindAsync(HttpClient am, string jobId)
    {
        var alerts = await am.GetFromJsonAsync<JsonElement>("api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true");
        return alerts.EnumerateArray().FirstOrDefault(a => a.GetProperty("labels").TryGetProperty("job_id", out var id) && id.GetString() == jobId) is { ValueKind: JsonValueKind.Object } found ? found : null;
    }
}
