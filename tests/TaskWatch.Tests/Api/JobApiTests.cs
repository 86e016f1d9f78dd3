using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TaskWatch.Cloud;
using TaskWatch.Core;
using TaskWatch.Simulator;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Api;

/// <summary>The REST API against the real app, its simulator and a real database.</summary>
public sealed class JobApiTests
{
    private static readonly Dictionary<string, string?> Quiet = new()
    {
        // No demo feeder traffic: these tests register their own simulated jobs.
        ["TaskWatch:Demo:JobsPerMinute"] = "0.1",
    };

    [Fact]
    public async Task RegisteredJob_IsReadOverHttp_AndItsHistoryIsKeptAcrossARestart()
    {
        using var folder = new TempFolder();
        var db = Path.Combine(folder.Path, "tw.db");
        string jobId;
        await using (var app = await TestApp.StartAsync(Quiet, db))
        {
            var sim = app.Host.Demo!.Simulator;
            var project = sim.FindProject(ProjectIdOf(app, "demo-dds-eu-de"))!;
            // Scripted, not random: visible after 1 s, running for about 10 s, then failing.
            var job = new SimulatedJob
            {
                Id = "5c1e3a7e-0d6b-4a59-9f0e-2f4d7a1b9c01",
                ProjectId = project.ProjectId,
                Kind = SimulatedJobKind.All.First(k => k.Service == CloudService.Dds),
                InstanceId = "d87f5b33049144ec95f0cab0a5f22cfbin02",
                InstanceName = "dds-restart-test",
                CreatedUtc = sim.UtcNow,
                Invisible = TimeSpan.FromSeconds(1),
                Duration = TimeSpan.FromSeconds(20),
                FailsAt = 0.5,
                FailReason = "Failed to upgrade the DB Agent.",
            };
            sim.Add(job);
            jobId = job.Id;

            var response = await app.Http.PostAsJsonAsync("/api/jobs", new { project = "demo-dds-eu-de", jobId }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);

            var detail = await TestApp.EventuallyAsync(async () =>
            {
                var d = await app.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/demo-dds-eu-de/{jobId}");
                return d.GetProperty("job").GetProperty("phase").GetString() == "Done" ? (JsonElement?)d : null;
            }, TimeSpan.FromSeconds(60), "the job to be confirmed failed");
            Assert.Equal("Failed", detail.GetProperty("job").GetProperty("status").GetString());
            Assert.Equal(job.FailReason, detail.GetProperty("job").GetProperty("failReason").GetString());
            Assert.Contains(detail.GetProperty("snapshots").EnumerateArray(), s => s.GetProperty("status").GetString() == "Running");
        }

        // Same database, new process state: the whole history comes back from storage.
        await using (var again = await TestApp.StartAsync(Quiet, db))
        {
            var detail = await again.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/demo-dds-eu-de/{jobId}", TestContext.Current.CancellationToken);
            Assert.Equal("Failed", detail.GetProperty("job").GetProperty("status").GetString());
            var statuses = detail.GetProperty("snapshots").EnumerateArray().Select(s => s.GetProperty("status").GetString()).ToList();
            Assert.Equal("Failed", statuses[^1]);
            Assert.Single(statuses, s => s == "Failed");
        }
    }

    [Fact]
    public async Task Batch_KeepsTheValidItems_AndListsEachRejectedOneWithWhy()
    {
        await using var app = await TestApp.StartAsync(Quiet);
        var body = new
        {
            jobs = new object?[]
            {
                new { project = "demo-rds-eu-de", jobId = "676e9f17f9b74289883a44a47b8101f5" },
                new { project = "demo-rds-eu-de", jobId = "676e9f17f9b74289883a44a47b8101f5" },
                new { project = "demo-rds-eu-de", jobId = "not a job id!" },
                new { project = "nowhere", jobId = "f85104b5-4a9c-4e0f-9505-fc5409d8f7ae" },
                new { project = "demo-dds-eu-de" },
            },
        };
        var response = await app.Http.PostAsJsonAsync("/api/jobs/batch", body, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var outcomes = result.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("outcome").GetString()).ToList();
        Assert.Equal(["Registered", "AlreadyTracked", "InvalidJobId", "UnknownProject", "Invalid"], outcomes);
        Assert.Contains("U+0020", result.GetProperty("results")[2].GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.Contains("jobs[4].jobId", result.GetProperty("results")[4].GetProperty("problem").GetString(), StringComparison.Ordinal);

        var list = await app.Http.GetFromJsonAsync<JsonElement>("/api/jobs?text=676e9f17", TestContext.Current.CancellationToken);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("""{"project":"demo-rds-eu-de","jobId":""}""", 400, "empty")]
    [InlineData("""{"project":"demo-rds-eu-de","jobId":"0123456789012345678901234567890123456789012345678901234567890123456789"}""", 400, "at most 64")]
    [InlineData("""{"project":"elsewhere","jobId":"f85104b5-4a9c-4e0f-9505-fc5409d8f7ae"}""", 404, "elsewhere")]
    [InlineData("""{"project":"demo-rds-eu-de","jobId":5}""", 400, "jobId")]
    [InlineData("""{"project":"demo-rds-eu-de","jobId":"a","extra":1}""", 400, "extra")]
    [InlineData("""{"project":"demo-rds-eu-de"}""", 400, "'jobId' is missing")]
    [InlineData("""{"project":"demo-rds-eu-de","jobId":"a""", 400, "Cannot read")]
    public async Task BadRegistration_GetsAProblemNamingIt_AndStoresNothing(string body, int status, string mention)
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["TaskWatch:Demo:Enabled"] = "false", ["TaskWatch:Projects:demo-rds-eu-de:Account"] = "a", ["TaskWatch:Projects:demo-rds-eu-de:Service"] = "Rds", ["TaskWatch:Projects:demo-rds-eu-de:ProjectId"] = "p1", ["TaskWatch:Projects:demo-rds-eu-de:Endpoint"] = "http://127.0.0.1:9/rds", ["TaskWatch:Accounts:a:Token"] = "t" });
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await app.Http.PostAsync("/api/jobs", content, TestContext.Current.CancellationToken);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(mention, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var list = await app.Http.GetFromJsonAsync<JsonElement>("/api/jobs", TestContext.Current.CancellationToken);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task StopTracking_RemovesFromTracked_ButKeepsHistory()
    {
        await using var app = await TestApp.StartAsync(Quiet);
        const string id = "f85104b5-4a9c-4e0f-9505-fc5409d8f7ae";
        (await app.Http.PostAsJsonAsync("/api/jobs", new { project = "demo-rds-eu-de", jobId = id }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await app.Http.DeleteAsync($"/api/jobs/demo-rds-eu-de/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.DeleteAsync($"/api/jobs/demo-rds-eu-de/{id}", TestContext.Current.CancellationToken)).StatusCode);
        var detail = await app.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/demo-rds-eu-de/{id}", TestContext.Current.CancellationToken);
        Assert.False(detail.GetProperty("job").GetProperty("tracking").GetBoolean());
    }

    [Fact]
    public async Task HealthAndOpenApi_AreServed()
    {
        await using var app = await TestApp.StartAsync(Quiet);
        var health = await TestApp.EventuallyAsync(async () =>
        {
            var h = await app.Http.GetFromJsonAsync<JsonElement>("/healthz");
            return h.GetProperty("status").GetString() == "Healthy" ? (JsonElement?)h : null;
        }, TimeSpan.FromSeconds(10), "a healthy report");
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("poller").GetProperty("status").GetString());
        var openApi = await app.Http.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Contains("/api/jobs/batch", openApi, StringComparison.Ordinal);
    }

    private static string ProjectIdOf(TestApp app, string project) => app.Service<ProjectCatalog>().Find(project)!.ProjectId;
}
