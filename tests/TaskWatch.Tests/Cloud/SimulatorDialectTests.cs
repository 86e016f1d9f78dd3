using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using TaskWatch.Cloud;
using TaskWatch.Configuration;
using TaskWatch.Core;
using TaskWatch.Simulator;

namespace TaskWatch.Tests.Cloud;

/// <summary>
/// The simulator speaks every service's dialect as TASK-CENTERS.md describes it: raw answers checked
/// against the fact sheet, and each real dialect reading the simulator over HTTP into one model.
/// </summary>
public sealed class SimulatorDialectTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<CloudService> Services() => [.. Enum.GetValues<CloudService>()];

    private static SimulatedJob AddJob(TaskCenterSimulator sim, SimulatedProject project, TimeSpan ago, TimeSpan duration, string? failReason = null, int kind = 0)
    {
        var job = sim.StartJob(project, ago: ago, failShare: 0) with
        {
            Kind = SimulatedJobKind.All.Where(k => k.Service == project.Service).ElementAt(kind),
            Duration = duration,
            FailsAt = failReason is null ? null : 0.5,
            FailReason = failReason,
            StatusOverride = null,
            ProgressStep = 1,
        };
        sim.Add(job);
        return job;
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Services))]
    public async Task EveryService_TheRealDialectReadsTheSimulator_SingleAndList_IntoOneModel(CloudService service)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cloud = await SimulatedCloud.StartAsync(time);
        var project = cloud.Simulator.AddProject(service, "eu-de");
        var running = AddJob(cloud.Simulator, project, TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(40));
        var completed = AddJob(cloud.Simulator, project, TimeSpan.FromMinutes(25), TimeSpan.FromMinutes(5));
        var failed = AddJob(cloud.Simulator, project, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(10), "The target flavor is sold out in the AZ.");
        using var clients = new CloudClientsUnderTest(cloud.Options(AuthMode.Token, project), time);
        var dialect = clients.Dialect(service);
        var now = time.GetUtcNow().UtcDateTime;

        var readRunning = (await dialect.GetJobAsync(clients.Project(), running.Id, Ct)).Job!;
        var readCompleted = (await dialect.GetJobAsync(clients.Project(), completed.Id, Ct)).Job!;
        var readFailed = (await dialect.GetJobAsync(clients.Project(), failed.Id, Ct)).Job!;
        var list = await dialect.ListJobsAsync(clients.Project(), new JobListQuery(now.AddHours(-1), now.AddMinutes(1), null, 0, dialect.ListPageSize), Ct);

        Assert.False(readRunning.Status.IsTerminal);
        Assert.Equal(50, readRunning.Progress);
        Assert.Equal(running.Kind.Name.Trim(), readRunning.Name);
        Assert.Equal(running.InstanceId, readRunning.InstanceId);
        Assert.Equal(running.CreatedUtc.AddTicks(-(running.CreatedUtc.Ticks % TimeSpan.TicksPerSecond)), readRunning.Created!.Value.Utc);
        Assert.Equal(JobState.Completed, readCompleted.Status.State);
        Assert.True(readCompleted.EndedIsMeaningful);
        Assert.Null(readCompleted.FailReason);
        Assert.Equal(JobState.Failed, readFailed.Status.State);
        // DDM's single read has no reason: its dialect takes it from the list row (the project reads lists).
        Assert.Equal("The target flavor is sold out in the AZ.", readFailed.FailReason);
        Assert.Null(list.Error);
        Assert.Equal(3, list.TotalCount);
        Assert.Equal(new[] { running.Id, completed.Id, failed.Id }.Order(StringComparer.Ordinal), list.Jobs.Select(j => j.Id).Order(StringComparer.Ordinal));
        Assert.Equal("The target flavor is sold out in the AZ.", list.Jobs.Single(j => j.Id == failed.Id).FailReason);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Services))]
    public async Task EveryService_AnUnknownId_IsTheServicesOwnNotFound(CloudService service)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cloud = await SimulatedCloud.StartAsync(time);
        var project = cloud.Simulator.AddProject(service, "eu-de");
        using var clients = new CloudClientsUnderTest(cloud.Options(AuthMode.Token, project), time);

        var read = await clients.Dialect(service).GetJobAsync(clients.Project(), "aaaa1111-0000-4000-8000-000000000001", Ct);

        Assert.Equal(ReadOutcome.NotFound, read.Outcome);
        Assert.Equal(service switch { CloudService.GeminiDb => 200, _ => 400 }, read.Error!.HttpStatus);
        Assert.Equal(service switch { CloudService.GeminiDb => null, CloudService.Ddm => "DBS.300400", _ => "DBS.200543" }, read.Error.ErrorCode);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(SimulatedCloud cloud, CloudService service, string pathAndQuery)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Auth-Token", cloud.Simulator.Credentials.FixedToken);
        using var response = await http.GetAsync(new Uri(cloud.Host.EndpointOf(service).AbsoluteUri + pathAndQuery), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact(Timeout = 120_000)]
    public async Task TaurusDb_AsTheFactSheetSays_CreatedInPlus0800_EndedInPlus0000_ProcessWithPercent_PagesFromOne()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cloud = await SimulatedCloud.StartAsync(time);
        var p = cloud.Simulator.AddProject(CloudService.TaurusDb, "eu-de");
        var running = AddJob(cloud.Simulator, p, TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(40));
        var done = AddJob(cloud.Simulator, p, TimeSpan.FromMinutes(25), TimeSpan.FromMinutes(5));

        var (_, one) = await GetAsync(cloud, CloudService.TaurusDb, $"/v3/{p.ProjectId}/jobs?id={running.Id}");
        var (_, two) = await GetAsync(cloud, CloudService.TaurusDb, $"/v3/{p.ProjectId}/jobs?id={done.Id}");
        var (_, page) = await GetAsync(cloud, CloudService.TaurusDb, $"/v3/{p.ProjectId}/immediate-jobs?offset=1&limit=10");
        var (badLimit, _) = await GetAsync(cloud, CloudService.TaurusDb, $"/v3/{p.ProjectId}/immediate-jobs?offset=1&limit=30");

        Assert.Equal("50%", one.GetProperty("job").GetProperty("process").GetString());
        Assert.EndsWith("+0800", one.GetProperty("job").GetProperty("created").GetString(), StringComparison.Ordinal);
        Assert.False(one.GetProperty("job").TryGetProperty("ended", out _));
        Assert.EndsWith("+0000", two.GetProperty("job").GetProperty("ended").GetString(), StringComparison.Ordinal);
        Assert.True(two.GetProperty("job").TryGetProperty("entities", out _));
        Assert.Equal(2, page.GetProperty("total_count").GetInt32());
        Assert.Equal(running.Id, page.GetProperty("jobs")[0].GetProperty("job_id").GetString());
        Assert.Equal(running.Kind.Name, page.GetProperty("jobs")[0].GetProperty("job_name").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badLimit);
    }

    [Fact(Timeout = 120_000)]
    public async Task GaussDb_AsTheFactSheetSays_ProgressOnTheSingleRead_ProcessNullOnTheTasksList()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cloud = await SimulatedCloud.StartAsync(time);
        var p = cloud.Simulator.AddProject(CloudService.GaussDb, "eu-de");
        var done = AddJob(cloud.Simulator, p, TimeSpan.FromMinutes(25), TimeSpan.FromMinutes(5));

        var (_, one) = await GetAsync(cloud, CloudService.GaussDb, $"/v3/{p.ProjectId}/jobs?id={done.Id}");
        var (_, tasks) = await GetAsync(cloud, CloudService.GaussDb, $"/v3/{p.ProjectId}/tasks");

        Assert.Equal(string.Empty, one.GetProperty("job").GetProperty("progress").GetString());
        Assert.Equal(JsonValueKind.Null, one.GetProperty("job").GetProperty("fail_reason").ValueKind);
        var row = tasks.GetProperty("tasks")[0];
        Assert.Equal(done.Id, row.GetProperty("job_id").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("process").ValueKind);
        Assert.Equal(done.InstanceId, row.GetProperty("instance_info").GetProperty("instance_id").GetString());
        Assert.EndsWith("+0800", row.GetProperty("created_at").GetString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task GeminiDb_AsTheFactSheetSays_AlwaysAList_AnUnknownIdIsAnEmptyOne()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cloud = await SimulatedCloud.StartAsync(time);
        var p = cloud.Simulator.AddProject(CloudService.GeminiDb, "eu-de");
        var running = AddJob(cloud.Simulator, p, TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(40));

        var (_, one) = await GetAsync(cloud, CloudService.GeminiDb, $"/v3/{p.ProjectId}/jobs?id={running.Id}");
        var (status, none) = await GetAsync(cloud, CloudService.GeminiDb, $"/v3/{p.ProjectId}/jobs?id=aaaa1111-0000-4000-8000-000000000001");

        Assert.Equal(1, one.GetProperty("total_count").GetInt32());
        var row = one.GetProperty("jobs")[0];
        Assert.Equal("Running", row.GetProperty("status").GetString());
        Assert.Equal("50%", row.GetProperty("progress").GetString());
        Assert.NotEqual(string.Empty, row.GetProperty("end_time").GetString());
        Assert.Equal(string.Empty, row.GetProperty("fail_reason").GetString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, none.GetProperty("total_count").GetInt32());
        Assert.Equal(0, none.GetProperty("jobs").GetArrayLength());
    }

    [Fact(Timeout = 120_000)]
    public async Task Ddm_AsTheFactSheetSays_IdInThePath_NoReasonOnTheSingleRead_ItsOwnErrorBody_TotalAndShardStates()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cloud = await SimulatedCloud.StartAsync(time);
        var p = cloud.Simulator.AddProject(CloudService.Ddm, "eu-de");
        var shardKind = SimulatedJobKind.All.Where(k => k.Service == CloudService.Ddm).ToList().FindIndex(k => k.Name == "migrateLogicDb");
        var shard = AddJob(cloud.Simulator, p, TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(40), kind: shardKind);
        var failed = AddJob(cloud.Simulator, p, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(10), "Shard configuration failed: the destination shard has too little space.", shardKind);
        var now = time.GetUtcNow();

        var (_, one) = await GetAsync(cloud, CloudService.Ddm, $"/v3/{p.ProjectId}/jobs/{failed.Id}");
        var (unknownStatus, unknown) = await GetAsync(cloud, CloudService.Ddm, $"/v3/{p.ProjectId}/jobs/aaaa1111-0000-4000-8000-000000000001");
        var (noTimesStatus, noTimes) = await GetAsync(cloud, CloudService.Ddm, $"/v3/{p.ProjectId}/jobs");
        var (_, list) = await GetAsync(cloud, CloudService.Ddm, $"/v3/{p.ProjectId}/jobs?start_time={now.AddHours(-1).ToUnixTimeMilliseconds()}&end_time={now.ToUnixTimeMilliseconds()}");

        Assert.Equal("Failed", one.GetProperty("job").GetProperty("status").GetString());
        Assert.False(one.GetProperty("job").TryGetProperty("fail_reason", out _));
        Assert.EndsWith("+0100", one.GetProperty("job").GetProperty("created_time").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknownStatus);
        Assert.Equal("DBS.300400", unknown.GetProperty("errCode").GetString());
        Assert.Equal("The task is not found.", unknown.GetProperty("externalMessage").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, noTimesStatus);
        Assert.True(noTimes.TryGetProperty("errCode", out _));
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        Assert.False(list.TryGetProperty("total_count", out _));
        var rows = list.GetProperty("jobs").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal("Expanding", rows[shard.Id].GetProperty("status").GetString());
        Assert.Equal("Shard configuration failed: the destination shard has too little space.", rows[failed.Id].GetProperty("fail_reason").GetString());
    }

    [Fact]
    public void EveryKindOfJob_FailsWithAReasonOfItsOwnKind()
    {
        Assert.All(Enum.GetValues<CloudService>(), s => Assert.Contains(SimulatedJobKind.All, k => k.Service == s));
        Assert.All(SimulatedJobKind.All, k => Assert.NotEmpty(k.FailReasons));
        // The demo used to fail an EIP bind with "createVM failed." and a restart with a switchover's reason.
        Assert.All(SimulatedJobKind.All.Where(k => k.Name.Contains("EIP", StringComparison.OrdinalIgnoreCase) || k.Name.Contains("PublicIP", StringComparison.Ordinal)),
            k => Assert.All(k.FailReasons, r => Assert.Contains("EIP", r, StringComparison.Ordinal)));
        Assert.All(SimulatedJobKind.All.Where(k => k.FailReasons.Contains("createVM failed.")), k => Assert.Contains("Create", k.Name, StringComparison.Ordinal));
        Assert.All(SimulatedJobKind.All.Where(k => k.Name.Contains("Restart", StringComparison.Ordinal)),
            k => Assert.All(k.FailReasons, r => Assert.DoesNotContain("switchover", r, StringComparison.OrdinalIgnoreCase)));
    }
}
