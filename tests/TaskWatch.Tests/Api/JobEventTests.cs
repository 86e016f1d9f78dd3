using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using TaskWatch.Api;
using TaskWatch.Cloud;
using TaskWatch.Core;
using TaskWatch.Simulator;
using TaskWatch.Tests.Reliability;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Api;

/// <summary><c>GET /api/events</c>: stored changes as Server-Sent Events, filtered, resumable without loss or repeats.</summary>
public sealed class JobEventTests
{
    private static readonly Dictionary<string, string?> Quiet = new() { ["TaskWatch:Demo:JobsPerMinute"] = "0.1" };

    private static SimulatedJob Script(TestApp app, string projectName, TimeSpan duration)
    {
        var sim = app.Host.Demo!.Simulator;
        var project = sim.FindProject(app.Service<ProjectCatalog>().Find(projectName)!.ProjectId)!;
        var service = app.Service<ProjectCatalog>().Find(projectName)!.Service;
        var job = new SimulatedJob
        {
            Id = service == CloudService.Dds ? Guid.NewGuid().ToString() : Guid.NewGuid().ToString("N"),
            ProjectId = project.ProjectId,
            Kind = SimulatedJobKind.All.First(k => k.Service == service),
            InstanceId = "d87f5b33049144ec95f0cab0a5f22cfbin02",
            InstanceName = "events-test",
            CreatedUtc = sim.UtcNow,
            Invisible = TimeSpan.Zero,
            Duration = duration,
            ProgressStep = 10,
        };
        sim.Add(job);
        return job;
    }

    /// <summary>Reads job events until <paramref name="stop"/> says so (or the time is up), then closes the stream.</summary>
    private static async Task<List<(long Id, JsonElement Data)>> ReadAsync(TestApp app, string path, long? lastEventId, Func<JsonElement, bool> stop)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var response = await app.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        var events = new List<(long, JsonElement)>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(timeout.Token))
        {
            Assert.Equal(JobEventEndpoints.EventType, item.EventType);
            var data = JsonDocument.Parse(item.Data).RootElement.Clone();
            events.Add((long.Parse(item.EventId!, System.Globalization.CultureInfo.InvariantCulture), data));
            if (stop(data))
            {
                break;
            }
        }

        return events;
    }

    private static bool Is(JsonElement e, string jobId, string status) =>
        e.GetProperty("jobId").GetString() == jobId && e.GetProperty("status").GetString() == status;

    [Fact]
    public async Task Stream_SendsEachStoredChangeInOrder_OnlyOfTheFilteredProject()
    {
        await using var app = await TestApp.StartAsync(Quiet);
        // The DDS job runs until the test has seen it Running and the RDS job end, so a slow first poll
        // on a loaded machine cannot skip the Running state (a fixed few seconds did, once in CI).
        var dds = Script(app, "demo-dds-eu-de", TimeSpan.FromMinutes(10));
        var rds = Script(app, "demo-rds-eu-de", TimeSpan.FromSeconds(2));

        var reading = ReadAsync(app, "/api/events?project=demo-dds-eu-de", null, e => Is(e, dds.Id, "Completed"));
        await TestApp.EventuallyAsync(() => Task.FromResult(app.Service<JobEventFeed>().Readers == 1 ? (bool?)true : null), TimeSpan.FromSeconds(10), "the stream to open");
        await app.Http.PostAsJsonAsync("/api/jobs/batch", new { jobs = new[] { new { project = "demo-rds-eu-de", jobId = rds.Id }, new { project = "demo-dds-eu-de", jobId = dds.Id } } }, TestContext.Current.CancellationToken);
        await TestApp.EventuallyAsync(async () =>
        {
            var d = (await app.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/demo-dds-eu-de/{dds.Id}")).GetProperty("job");
            var r = (await app.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/demo-rds-eu-de/{rds.Id}")).GetProperty("job");
            return d.GetProperty("status").GetString() == "Running" && r.GetProperty("phase").GetString() == "Done" ? (bool?)true : null;
        }, TimeSpan.FromSeconds(60), "the DDS job seen running and the RDS job ended");
        var sim = app.Host.Demo!.Simulator;
        sim.Add(dds with { Duration = sim.UtcNow - dds.CreatedUtc });
        var events = await reading;

        Assert.All(events, e => Assert.Equal("demo-dds-eu-de", e.Data.GetProperty("project").GetString()));
        Assert.Contains(events, e => Is(e.Data, dds.Id, "Running"));
        Assert.Equal(events.Select(e => e.Id).Order(), events.Select(e => e.Id));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.All(events, e => Assert.Equal(e.Id, e.Data.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Reconnect_WithLastEventId_GetsEveryChangeItMissed_FromTheStoredHistory_NothingTwice()
    {
        await using var app = await TestApp.StartAsync(Quiet);
        var job = Script(app, "demo-rds-eu-de", TimeSpan.FromSeconds(6));

        var reading = ReadAsync(app, "/api/events?service=Rds", null, e => e.GetProperty("jobId").GetString() == job.Id);
        await TestApp.EventuallyAsync(() => Task.FromResult(app.Service<JobEventFeed>().Readers == 1 ? (bool?)true : null), TimeSpan.FromSeconds(10), "the stream to open");
        await app.Http.PostAsJsonAsync("/api/jobs", new { project = "demo-rds-eu-de", jobId = job.Id }, TestContext.Current.CancellationToken);
        var first = await reading;

        // Away while the job runs to its end.
        await TestApp.EventuallyAsync(async () =>
        {
            var d = await app.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/demo-rds-eu-de/{job.Id}");
            return d.GetProperty("job").GetProperty("phase").GetString() == "Done" ? (bool?)true : null;
        }, TimeSpan.FromSeconds(60), "the job to end");
        var rest = await ReadAsync(app, "/api/events?service=Rds", first[^1].Id, e => Is(e, job.Id, "Completed"));

        var mine = first.Concat(rest).Where(e => e.Data.GetProperty("jobId").GetString() == job.Id).ToList();
        Assert.Equal(mine.Count, mine.Select(e => e.Id).Distinct().Count());
        Assert.All(rest, e => Assert.True(e.Id > first[^1].Id));
        var stored = (await app.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/demo-rds-eu-de/{job.Id}", TestContext.Current.CancellationToken)).GetProperty("snapshots");
        Assert.Equal(
            stored.EnumerateArray().Select(s => (s.GetProperty("status").GetString(), s.GetProperty("progress").ToString())),
            mine.Select(e => (e.Data.GetProperty("status").GetString(), e.Data.GetProperty("progress").ToString())));
    }

    [Theory]
    [InlineData("?status=Done", null, "'status' is 'Done'")]
    [InlineData("?servce=Rds", null, "'servce' is not a parameter")]
    [InlineData("", "yesterday", "Last-Event-ID header is 'yesterday'")]
    public async Task BadRequest_Is400NamingWhatIsWrong(string query, string? lastEventId, string mention)
    {
        await using var app = await TestApp.StartAsync(MalformedRequestTests.OneProjectNoDemo());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events" + query);
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        using var response = await app.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(mention, (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
