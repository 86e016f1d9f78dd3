using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using TaskWatch.Core;
using TaskWatch.Simulator;

namespace TaskWatch.Tests.Cloud;

/// <summary>
/// The simulator answers the list APIs and counts calls as the cloud does, so that the bench and the
/// poller tests see what the cloud would: documented parameter limits, and 60 calls per user in any 60 s.
/// </summary>
public sealed class SimulatorListAndBudgetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, string? ErrorCode, string? RetryAfter, JsonElement Body)> GetAsync(HttpClient http, SimulatedCloud cloud, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(cloud.Host.BaseUri, url));
        request.Headers.Add("X-Auth-Token", cloud.Simulator.Credentials.FixedToken);
        using var response = await http.SendAsync(request, Ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
        var code = body.TryGetProperty("error_code", out var c) ? c.GetString() : null;
        return (response.StatusCode, code, response.Headers.TryGetValues("Retry-After", out var after) ? after.Single() : null, body);
    }

    [Fact(Timeout = 60_000)]
    public async Task SixtyFirstCallWithinAMinute_Gets429Dbs280443_WithRetryAfterUntilAPlaceFrees()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        await using var cloud = await SimulatedCloud.StartAsync(time);
        cloud.Simulator.CallsPerMinutePerUser = 60;
        var (project, jobId) = cloud.AddProjectWithJob();
        using var http = new HttpClient();
        var url = $"rds/v3/{project.ProjectId}/jobs?id={jobId}";

        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, cloud, url)).Status);
            time.Advance(TimeSpan.FromMilliseconds(500)); // 60 calls over 30 s
        }

        var refused = await GetAsync(http, cloud, url);
        time.Advance(TimeSpan.FromSeconds(29));
        var stillRefused = await GetAsync(http, cloud, url);
        time.Advance(TimeSpan.FromSeconds(1)); // the first call is 60 s old now
        var accepted = await GetAsync(http, cloud, url);

        Assert.Equal((HttpStatusCode)429, refused.Status);
        Assert.Equal("DBS.280443", refused.ErrorCode);
        Assert.Equal("30", refused.RetryAfter);
        Assert.Equal((HttpStatusCode)429, stillRefused.Status);
        Assert.Equal("1", stillRefused.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Contains(cloud.Simulator.Faults.Log, r => r.Fault == SimulatorFaults.OverUserBudget && r.RetryAfterSeconds == 30);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("rds/v3/{0}/tasklist?limit=51", "limit '51'")]
    [InlineData("rds/v3/{0}/tasklist?limit=0", "limit '0'")]
    [InlineData("rds/v3/{0}/tasklist?offset=-1", "offset '-1'")]
    [InlineData("rds/v3/{0}/tasklist?status=Pending", "status 'Pending'")]
    [InlineData("rds/v3/{0}/tasklist?start_time=1700000000000", "end_time is required")]
    [InlineData("dds/v3.1/{1}/jobs?start_time=2026-11-22T12:00:00Z&end_time=2026-11-23T12:00:00Z&limit=101", "limit '101'")]
    [InlineData("dds/v3.1/{1}/jobs?limit=10", "start_time and end_time are required")]
    [InlineData("dds/v3.1/{1}/jobs?start_time=2026-10-01T12:00:00Z&end_time=2026-11-23T12:00:00Z", "at most 30 days")]
    public async Task ListOutsideTheDocumentedParameters_Is400Dbs200001_NamingTheParameter(string path, string expected)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        await using var cloud = await SimulatedCloud.StartAsync(time);
        var rds = cloud.Simulator.AddProject(CloudService.Rds, "eu-de");
        var dds = cloud.Simulator.AddProject(CloudService.Dds, "eu-de");
        using var http = new HttpClient();

        var answer = await GetAsync(http, cloud, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, rds.ProjectId, dds.ProjectId));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("DBS.200001", answer.ErrorCode);
        Assert.Contains(expected, answer.Body.GetProperty("error_msg").GetString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task RdsList_PagesByOffset_FiltersByStatus_AndCountsTheWholeMatch()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        await using var cloud = await SimulatedCloud.StartAsync(time);
        var project = cloud.Simulator.AddProject(CloudService.Rds, "eu-de");
        for (var i = 0; i < 12; i++)
        {
            cloud.Simulator.Add(cloud.Simulator.StartJob(project, ago: TimeSpan.FromMinutes(10 + i), failShare: 0) with { Duration = TimeSpan.FromHours(5) });
        }

        cloud.Simulator.Add(cloud.Simulator.StartJob(project, ago: TimeSpan.FromMinutes(30), failShare: 0) with { Duration = TimeSpan.FromMinutes(1) });
        using var http = new HttpClient();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var window = $"start_time={now - 3_600_000}&end_time={now}";

        var page = await GetAsync(http, cloud, $"rds/v3/{project.ProjectId}/tasklist?offset=10&limit=5&status=Running&{window}");
        var defaults = await GetAsync(http, cloud, $"rds/v3/{project.ProjectId}/tasklist?{window}");

        Assert.Equal(12, page.Body.GetProperty("total_count").GetInt32());
        Assert.Equal(2, page.Body.GetProperty("tasks").GetArrayLength());
        Assert.Equal(13, defaults.Body.GetProperty("total_count").GetInt32());
        Assert.Equal(10, defaults.Body.GetProperty("tasks").GetArrayLength()); // the documented default limit
    }
}
