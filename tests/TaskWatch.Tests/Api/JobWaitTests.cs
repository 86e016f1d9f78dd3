using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskWatch.Cloud;
using TaskWatch.Core;
using TaskWatch.Security;
using TaskWatch.Simulator;
using TaskWatch.Tests.Reliability;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Api;

/// <summary><c>GET /api/jobs/{project}/{jobId}/wait</c> against the real app and its simulator.</summary>
public sealed class JobWaitTests
{
    private const string Project = "demo-dds-eu-de";

    private static Dictionary<string, string?> Quiet(string runningInterval = "00:00:01") => new()
    {
        ["TaskWatch:Demo:JobsPerMinute"] = "0.1",
        ["TaskWatch:Polling:RunningInterval"] = runningInterval,
        ["TaskWatch:Polling:MaxRunningInterval"] = runningInterval,
    };

    private static SimulatedJob Script(TestApp app, TimeSpan duration, string? failReason = null)
    {
        var sim = app.Host.Demo!.Simulator;
        var project = sim.FindProject(app.Service<ProjectCatalog>().Find(Project)!.ProjectId)!;
        var job = new SimulatedJob
        {
            Id = Guid.NewGuid().ToString(),
            ProjectId = project.ProjectId,
            Kind = SimulatedJobKind.All.First(k => k.Service == CloudService.Dds),
            InstanceId = "d87f5b33049144ec95f0cab0a5f22cfbin02",
            InstanceName = "wait-test",
            CreatedUtc = sim.UtcNow,
            Invisible = TimeSpan.Zero,
            Duration = duration,
            FailsAt = failReason is null ? null : 0.5,
            FailReason = failReason,
        };
        sim.Add(job);
        return job;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> WaitAsync(TestApp app, string path, HttpMethod? method = null, string? key = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        try
        {
            using var response = await app.Http.SendAsync(request, TestContext.Current.CancellationToken);
            return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken));
        }
        catch (TaskCanceledException ex) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            // The client gave up before the wait answered: say what the job looked like then, so a failure names its cause.
            var job = path[..path.IndexOf("/wait", StringComparison.Ordinal)];
            throw new TimeoutException($"{method ?? HttpMethod.Get} {path} did not answer within {app.Http.Timeout.TotalSeconds:0} s; the job then: {await app.Http.GetStringAsync(job)}", ex);
        }
    }

    [Fact]
    public async Task JobThatCompletes_IsAnswered200Completed_WithItsFinalState()
    {
        await using var app = await TestApp.StartAsync(Quiet());
        var job = Script(app, TimeSpan.FromSeconds(3));
        await app.Http.PostAsJsonAsync("/api/jobs", new { project = Project, jobId = job.Id }, TestContext.Current.CancellationToken);

        var (status, body) = await WaitAsync(app, $"/api/jobs/{Project}/{job.Id}/wait?timeout=60");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Completed", body.GetProperty("outcome").GetString());
        Assert.True(body.GetProperty("ended").GetBoolean());
        Assert.Equal("Completed", body.GetProperty("job").GetProperty("status").GetString());
        Assert.Equal("Done", body.GetProperty("job").GetProperty("phase").GetString());
        Assert.Equal(JsonValueKind.String, body.GetProperty("job").GetProperty("ended").ValueKind);
    }

    [Fact]
    public async Task JobThatFails_IsAnsweredFailed_WithTheCloudsReason_AndAgainAtOnceAfterwards()
    {
        await using var app = await TestApp.StartAsync(Quiet());
        var job = Script(app, TimeSpan.FromSeconds(4), "Failed to upgrade the DB Agent.");

        // POST: one call registers and waits.
        var (status, body) = await WaitAsync(app, $"/api/jobs/{Project}/{job.Id}/wait?timeout=60", HttpMethod.Post);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Failed", body.GetProperty("outcome").GetString());
        Assert.Equal(job.FailReason, body.GetProperty("job").GetProperty("failReason").GetString());
        var (again, second) = await WaitAsync(app, $"/api/jobs/{Project}/{job.Id}/wait?timeout=60");
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal("Failed", second.GetProperty("outcome").GetString());
        Assert.True(second.GetProperty("waitedSeconds").GetDouble() < 60);
    }

    [Fact]
    public async Task TimeoutFirst_Is202TimedOut_WithTheRunningState_AndHundredsOfWaitersCostNoCloudCall()
    {
        // Polled once an hour after its first read.
        await using var app = await TestApp.StartAsync(Quiet(runningInterval: "01:00:00"));
        var job = Script(app, TimeSpan.FromHours(1));
        await app.Http.PostAsJsonAsync("/api/jobs", new { project = Project, jobId = job.Id }, TestContext.Current.CancellationToken);
        await TestApp.EventuallyAsync(async () =>
        {
            var d = await app.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/{Project}/{job.Id}");
            return d.GetProperty("job").GetProperty("status").GetString() == "Running" ? (bool?)true : null;
        }, TimeSpan.FromSeconds(30), "the first read");
        // The demo's own jobs are still read meanwhile: compare the simulator's count with this app's poller's own.
        var sim = app.Host.Demo!.Simulator;
        long polls = 0;
        var factory = app.Service<IMeterFactory>();
        using var meter = new MeterListener();
        meter.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name == "taskwatch.polls")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meter.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref polls, value));
        meter.Start();
        var callsBefore = sim.Requests - Interlocked.Read(ref polls);

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => WaitAsync(app, $"/api/jobs/{Project}/{job.Id}/wait?timeout=2")));
        await Task.Delay(500, TestContext.Current.CancellationToken); // reads in flight land in both counts

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.Status));
        Assert.All(answers, a => Assert.Equal("TimedOut", a.Body.GetProperty("outcome").GetString()));
        Assert.All(answers, a => Assert.False(a.Body.GetProperty("ended").GetBoolean()));
        Assert.All(answers, a => Assert.Equal("Running", a.Body.GetProperty("job").GetProperty("status").GetString()));
        // A read in flight at the start is counted by the simulator first, by the poller when it returns: not above, then.
        var callsAfter = sim.Requests - Interlocked.Read(ref polls);
        Assert.True(callsAfter <= callsBefore, $"{callsAfter - callsBefore} cloud calls beyond the poller's own during 200 waits");
    }

    [Fact]
    public async Task UntrackedJob_Is404_StoppedJob_Is409_AndStoppingDuringTheWait_Is409()
    {
        await using var app = await TestApp.StartAsync(Quiet());
        var job = Script(app, TimeSpan.FromHours(1));

        var (unknown, problem) = await WaitAsync(app, $"/api/jobs/{Project}/{job.Id}/wait?timeout=1");
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Contains("POST to this address", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await app.Http.PostAsJsonAsync("/api/jobs", new { project = Project, jobId = job.Id }, TestContext.Current.CancellationToken);
        var waiting = WaitAsync(app, $"/api/jobs/{Project}/{job.Id}/wait?timeout=60");
        await TestApp.EventuallyAsync(() => Task.FromResult(app.Service<TaskWatch.Live.JobWaiters>().Count == 1 ? (bool?)true : null), TimeSpan.FromSeconds(10), "the waiter");
        await app.Http.DeleteAsync($"/api/jobs/{Project}/{job.Id}", TestContext.Current.CancellationToken);
        var (stopped, stoppedProblem) = await waiting;
        Assert.Equal(HttpStatusCode.Conflict, stopped);
        Assert.Equal("Tracking stopped", stoppedProblem.GetProperty("title").GetString());

        var (after, _) = await WaitAsync(app, $"/api/jobs/{Project}/{job.Id}/wait?timeout=1");
        Assert.Equal(HttpStatusCode.Conflict, after);
    }

    [Theory]
    [InlineData("timeout=soon", "'timeout' is 'soon'")]
    [InlineData("timeout=3601", "'timeout' is '3601'")]
    [InlineData("timeout=-1", "'timeout' is '-1'")]
    [InlineData("register=true", "'register' is no longer a parameter: POST to this address")]
    [InlineData("timout=5", "'timout' is not a parameter")]
    [InlineData("timeout=1&timeout=2", "'timeout' is given 2 times")]
    public async Task BadQuery_Is400NamingTheParameterAndValue(string query, string mention)
    {
        await using var app = await TestApp.StartAsync(MalformedRequestTests.OneProjectNoDemo());

        var (status, problem) = await WaitAsync(app, $"/api/jobs/{MalformedRequests.Project}/f85104b5-4a9c-4e0f-9505-fc5409d8f7ae/wait?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(mention, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterAndWait_IsAPost_AndWhenExposedNeedsAChangeKey_WhileAGetNeverRegisters()
    {
        var settings = MalformedRequestTests.OneProjectNoDemo();
        settings["TaskWatch:Access:RequireKey"] = "true";
        settings["TaskWatch:Access:AnonymousRead"] = "true";
        settings["TaskWatch:Access:ApiKeys:ci"] = ApiKeyHash.Sha256Of("correct-horse-battery-staple");
        settings["TaskWatch:Access:ApiKeys:wall:Hash"] = ApiKeyHash.Sha256Of("wall-display-key");
        settings["TaskWatch:Access:ApiKeys:wall:Scope"] = "read";
        await using var app = await TestApp.StartAsync(settings);
        var path = $"/api/jobs/{MalformedRequests.Project}/f85104b5-4a9c-4e0f-9505-fc5409d8f7ae/wait?timeout=0";

        var (refused, problem) = await WaitAsync(app, path, HttpMethod.Post);
        Assert.Equal(HttpStatusCode.Unauthorized, refused);
        Assert.Equal("X-Api-Key", problem.GetProperty("field").GetString());

        var (readOnly, _) = await WaitAsync(app, path, HttpMethod.Post, "wall-display-key");
        Assert.Equal(HttpStatusCode.Forbidden, readOnly);

        var (viaGet, _) = await WaitAsync(app, path + "&register=true", HttpMethod.Get, "correct-horse-battery-staple");
        Assert.Equal(HttpStatusCode.BadRequest, viaGet);
        Assert.Equal(0, (await app.Http.GetFromJsonAsync<JsonElement>("/api/jobs", TestContext.Current.CancellationToken)).GetProperty("total").GetInt32());

        var (accepted, _) = await WaitAsync(app, path, HttpMethod.Post, "correct-horse-battery-staple");
        Assert.Equal(HttpStatusCode.Accepted, accepted);
    }
}
