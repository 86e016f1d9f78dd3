using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using TaskWatch.Cloud;
using TaskWatch.Components.Pages;
using TaskWatch.Core;
using TaskWatch.Insight;
using TaskWatch.Simulator;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Components;

/// <summary>An instance's page and <c>GET /api/instances</c>: a failed job and one running now on the same instance.</summary>
public sealed class InstancePageTests
{
    private const string Instance = "d87f5b33049144ec95f0cab0a5f22cfbin07";

    private sealed class Pages(TestApp app) : UiTestContext(app);

    [Fact(Timeout = 120_000)]
    public async Task Instance_WithAFailedAndARunningJob_IsBusy_CountsTheFailure_AndListsBoth()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["TaskWatch:Demo:JobsPerMinute"] = "0.1" });
        var sim = app.Host.Demo!.Simulator;
        var project = sim.FindProject(app.Service<ProjectCatalog>().Find("demo-dds-eu-de")!.ProjectId)!;
        var kind = SimulatedJobKind.All.First(k => k.Service == CloudService.Dds);
        var failed = new SimulatedJob
        {
            Id = "5c1e3a7e-0d6b-4a59-9f0e-2f4d7a1b9c21", ProjectId = project.ProjectId, Kind = kind, InstanceId = Instance, InstanceName = "dds-history",
            CreatedUtc = sim.UtcNow.AddMinutes(-10), Invisible = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(4), FailsAt = 0.5, FailReason = "Failed to upgrade the DB Agent.",
        };
        var running = new SimulatedJob
        {
            Id = "5c1e3a7e-0d6b-4a59-9f0e-2f4d7a1b9c22", ProjectId = project.ProjectId, Kind = kind, InstanceId = Instance, InstanceName = "dds-history",
            CreatedUtc = sim.UtcNow, Invisible = TimeSpan.Zero, Duration = TimeSpan.FromHours(2),
        };
        sim.Add(failed);
        sim.Add(running);
        foreach (var id in new[] { failed.Id, running.Id })
        {
            (await app.Http.PostAsJsonAsync("/api/jobs", new { project = "demo-dds-eu-de", jobId = id }, ct)).EnsureSuccessStatusCode();
        }

        var body = await TestApp.EventuallyAsync(async () =>
        {
            var response = await app.Http.GetAsync($"/api/instances/demo-dds-eu-de/{Instance}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }

            var b = await response.Content.ReadFromJsonAsync<JsonElement>();
            return b.GetProperty("failures").GetInt32() == 1 && b.GetProperty("busy").GetBoolean() ? (JsonElement?)b : null;
        }, TimeSpan.FromSeconds(60), "the instance to show one failure and one running job");
        Assert.Equal("dds-history", body.GetProperty("instanceName").GetString());
        Assert.Equal(2, body.GetProperty("total").GetInt32());
        Assert.Equal([running.Id, failed.Id], body.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("jobId").GetString()));
        Assert.Equal(running.Id, body.GetProperty("running")[0].GetProperty("jobId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync("/api/instances/demo-dds-eu-de/nowhere-in01", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync($"/api/instances/nowhere/{Instance}", ct)).StatusCode);

        await using var pages = new Pages(app);
        var page = pages.Render<Instance>(p => p.Add(c => c.Project, "demo-dds-eu-de").Add(c => c.InstanceId, Instance));
        page.WaitForAssertion(() => Assert.Contains("Running since", page.Find("[data-testid=busy]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Equal("dds-history", page.Find("h1").TextContent);
        Assert.Equal(["Running", "Failed"], page.FindAll("[data-testid=instance-jobs] tbody tr").Select(r => r.GetAttribute("data-status")));
        Assert.Contains("1 failed of 1 finished", page.Find("[data-testid=instance-kinds]").TextContent, StringComparison.Ordinal);

        var unknown = pages.Render<Instance>(p => p.Add(c => c.Project, "demo-dds-eu-de").Add(c => c.InstanceId, "nowhere-in01"));
        unknown.WaitForAssertion(() => Assert.NotNull(unknown.Find("[data-testid=unknown-instance]")), TimeSpan.FromSeconds(10));

        // The history started from the instance: its link filters by the instance's id (not a text search), the filter
        // shows as such, survives a new search with the form and goes with its own button.
        var historyLink = page.FindAll("a").Single(a => a.TextContent == "History of this instance").GetAttribute("href");
        Assert.Equal($"/history?project=demo-dds-eu-de&instanceId={Instance}", historyLink);
        var navigation = pages.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(historyLink!);
        var history = pages.Render<History>();
        history.WaitForAssertion(() => Assert.Equal([running.Id, failed.Id], history.FindAll("tr[data-job-id]").Select(r => r.GetAttribute("data-job-id"))), TimeSpan.FromSeconds(10));
        Assert.Contains($"dds-history ({Instance})", history.Find("[data-testid=history-instance-filter]").TextContent, StringComparison.Ordinal);
        Assert.Equal($"instances/demo-dds-eu-de/{Instance}", history.Find("[data-testid=history-instance-link]").GetAttribute("href"));

        history.Find("[data-testid=history-name]").Change(kind.Name);
        history.Find("[data-testid=history-form]").Submit();
        Assert.Contains($"instanceId={Instance}", navigation.Uri, StringComparison.Ordinal);
        history.WaitForAssertion(() => Assert.Equal([running.Id, failed.Id], history.FindAll("tr[data-job-id]").Select(r => r.GetAttribute("data-job-id"))), TimeSpan.FromSeconds(10));

        history.Find("[data-testid=history-instance-clear]").Click();
        Assert.DoesNotContain("instanceId", navigation.Uri, StringComparison.Ordinal);
        history.WaitForAssertion(() => Assert.Empty(history.FindAll("[data-testid=history-instance-filter]")), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Report_UsualDurationsPerKind_FromCompletedRunsOnly_AndTheLiveViewWins()
    {
        var now = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
        JobView Job(string id, JobState state, int minutes, string name = "Backup") => WallBoardTests.Job(id, state, project: "p1", instance: "i1") with
        {
            Name = name, CreatedUtc = now.AddHours(-5), EndedUtc = state == JobState.Running ? null : now.AddHours(-5).AddMinutes(minutes),
        };
        var stored = new[] { Job("a", JobState.Completed, 10), Job("b", JobState.Completed, 20), Job("c", JobState.Failed, 1), Job("d", JobState.Completed, 30, "Restart"), Job("e", JobState.Running, 0) };
        var live = new[] { Job("e", JobState.Running, 0) with { Progress = 50 }, Job("x", JobState.Running, 0) with { InstanceId = "other" } };
        var report = InstanceReport.Build("p1", "i1", stored.Length, stored, [.. stored.Where(j => j.State != JobState.Running)], live);

        Assert.True(report.IsBusy);
        Assert.Equal(50, Assert.Single(report.Running).Progress);
        Assert.Equal(1, report.Failures);
        var backup = report.Kinds.Single(k => k.Name == "Backup");
        Assert.Equal((3, 1), (backup.Runs, backup.Failed));
        Assert.Equal(TimeSpan.FromMinutes(10), backup.Typical!.Median);
        Assert.Equal(TimeSpan.FromMinutes(20), backup.Typical.P90);
    }
}
