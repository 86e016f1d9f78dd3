using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TaskWatch.Cloud;
using TaskWatch.Core;
using TaskWatch.Simulator;
using TaskWatch.Storage;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Api;

/// <summary>Acknowledging a failed job over the API, against the real app, its simulator and a real database.</summary>
public sealed class JobAckApiTests
{
    private static readonly Dictionary<string, string?> Quiet = new() { ["TaskWatch:Demo:JobsPerMinute"] = "0.1" };

    [Fact]
    public async Task FailedJob_IsAcknowledgedWithANote_ShownInItsTimelineAndChanges_AndLetGo()
    {
        await using var app = await TestApp.StartAsync(Quiet);
        var ct = TestContext.Current.CancellationToken;
        var sim = app.Host.Demo!.Simulator;
        var project = sim.FindProject(app.Service<ProjectCatalog>().Find("demo-dds-eu-de")!.ProjectId)!;
        var kind = SimulatedJobKind.All.First(k => k.Service == CloudService.Dds);
        var failing = new SimulatedJob
        {
            Id = "5c1e3a7e-0d6b-4a59-9f0e-2f4d7a1b9c11", ProjectId = project.ProjectId, Kind = kind, InstanceId = "d87f5b33049144ec95f0cab0a5f22cfbin02",
            InstanceName = "dds-ack", CreatedUtc = sim.UtcNow, Invisible = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(4), FailsAt = 0.5, FailReason = "Failed to upgrade the DB Agent.",
        };
        var running = new SimulatedJob
        {
            Id = "5c1e3a7e-0d6b-4a59-9f0e-2f4d7a1b9c12", ProjectId = project.ProjectId, Kind = kind, InstanceId = "d87f5b33049144ec95f0cab0a5f22cfbin03",
            InstanceName = "dds-busy", CreatedUtc = sim.UtcNow, Invisible = TimeSpan.Zero, Duration = TimeSpan.FromHours(2),
        };
        sim.Add(failing);
        sim.Add(running);
        foreach (var id in new[] { failing.Id, running.Id })
        {
            (await app.Http.PostAsJsonAsync("/api/jobs", new { project = "demo-dds-eu-de", jobId = id }, ct)).EnsureSuccessStatusCode();
        }

        await TestApp.EventuallyAsync(async () =>
        {
            var d = await app.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/demo-dds-eu-de/{failing.Id}");
            return d.GetProperty("job").GetProperty("status").GetString() == "Failed" ? (bool?)true : null;
        }, TimeSpan.FromSeconds(60), "the job to fail");
        var since = await app.Service<JobQueries>().LastChangeIdAsync(ct);

        var ack = await app.Http.PostAsJsonAsync($"/api/jobs/demo-dds-eu-de/{failing.Id}/ack", new { note = "INC-4711, retrying at 14:00" }, ct);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var body = await ack.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal("INC-4711, retrying at 14:00", body.GetProperty("note").GetString());
        var who = body.GetProperty("by").GetString();
        Assert.False(string.IsNullOrEmpty(who));

        var detail = await app.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/demo-dds-eu-de/{failing.Id}", ct);
        Assert.Equal(who, detail.GetProperty("job").GetProperty("acknowledged").GetProperty("by").GetString());
        var entry = detail.GetProperty("snapshots").EnumerateArray().Last();
        Assert.Equal("Acknowledged", entry.GetProperty("ack").GetString());
        Assert.Equal("Failed", entry.GetProperty("status").GetString());
        var changes = await app.Service<JobQueries>().ChangesAsync(since, long.MaxValue, ChangeFilter.Any, 100, ct);
        Assert.Contains(changes, c => c.JobId == failing.Id && c.Ack == AckChange.Acknowledged && c.AckNote == "INC-4711, retrying at 14:00");

        Assert.Equal(HttpStatusCode.NoContent, (await app.Http.DeleteAsync($"/api/jobs/demo-dds-eu-de/{failing.Id}/ack", ct)).StatusCode);
        detail = await app.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/demo-dds-eu-de/{failing.Id}", ct);
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("job").GetProperty("acknowledged").ValueKind);
        Assert.Equal("Unacknowledged", detail.GetProperty("snapshots").EnumerateArray().Last().GetProperty("ack").GetString());

        // Bad input, each a problem naming what is wrong.
        await AssertProblemAsync(app, $"/api/jobs/demo-dds-eu-de/{running.Id}/ack", """{"note":"x"}""", 409, "only a failed, overdue or not-found job");
        await AssertProblemAsync(app, $"/api/jobs/demo-dds-eu-de/{failing.Id}/ack", """{"note":"line\nbreak"}""", 400, "U+000A");
        await AssertProblemAsync(app, $"/api/jobs/demo-dds-eu-de/{failing.Id}/ack", $$"""{"note":"{{new string('n', 201)}}"}""", 400, "at most 200");
        await AssertProblemAsync(app, $"/api/jobs/nowhere/{failing.Id}/ack", "{}", 404, "no project 'nowhere'");
        await AssertProblemAsync(app, "/api/jobs/demo-dds-eu-de/5c1e3a7e-0d6b-4a59-9f0e-2f4d7a1b9c99/ack", "{}", 404, "not tracked");
    }

    private static async Task AssertProblemAsync(TestApp app, string path, string json, int status, string mention)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var response = await app.Http.PostAsync(path, content, TestContext.Current.CancellationToken);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(mention, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
