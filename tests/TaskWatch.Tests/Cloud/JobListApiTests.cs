using Microsoft.Extensions.Time.Testing;
using TaskWatch.Cloud;
using TaskWatch.Cloud.Dds;
using TaskWatch.Cloud.Rds;
using TaskWatch.Configuration;
using TaskWatch.Core;
using TaskWatch.Simulator;

namespace TaskWatch.Tests.Cloud;

/// <summary>The list APIs (RDS tasklist, DDS v3.1 jobs) over loopback HTTP: paging, filters, one model.</summary>
public sealed class JobListApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SimulatedJob AddJob(TaskCenterSimulator sim, SimulatedProject project, TimeSpan ago, TimeSpan duration)
    {
        var template = sim.StartJob(project, ago: ago, failShare: 0);
        var job = template with { Duration = duration };
        sim.Add(job);
        return job;
    }

    [Theory(Timeout = 120_000)]
    [InlineData(CloudService.Rds, 50)]
    [InlineData(CloudService.Dds, 100)]
    public async Task List_PagesThroughRunningJobs_AndFiltersByTime(CloudService service, int pageSize)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cloud = await SimulatedCloud.StartAsync(time);
        var project = cloud.Simulator.AddProject(service, "eu-de");
        var running = Enumerable.Range(0, pageSize + 10).Select(i => AddJob(cloud.Simulator, project, TimeSpan.FromMinutes(10 + i), TimeSpan.FromHours(5))).ToList();
        var finished = Enumerable.Range(0, 5).Select(i => AddJob(cloud.Simulator, project, TimeSpan.FromMinutes(30 + i), TimeSpan.FromMinutes(1))).ToList();
        var old = AddJob(cloud.Simulator, project, TimeSpan.FromHours(3), TimeSpan.FromHours(5));
        using var clients = new CloudClientsUnderTest(cloud.Options(AuthMode.Token, project), time);
        var client = service == CloudService.Rds ? (TaskCenterClient)clients.Rds : clients.Dds;
        var now = time.GetUtcNow().UtcDateTime;

        var first = await client.ListJobsAsync(clients.Project(), new JobListQuery(now.AddHours(-2), now, JobState.Running, 0, pageSize), Ct);
        var second = await client.ListJobsAsync(clients.Project(), new JobListQuery(now.AddHours(-2), now, JobState.Running, pageSize, pageSize), Ct);
        var all = await client.ListJobsAsync(clients.Project(), new JobListQuery(now.AddHours(-2), now, null, 0, pageSize), Ct);

        Assert.Null(first.Error);
        Assert.Equal(pageSize, first.Jobs.Count);
        Assert.Equal(running.Count, first.TotalCount);
        Assert.Equal(10, second.Jobs.Count);
        var listed = first.Jobs.Concat(second.Jobs).Select(j => j.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Equal(running.Select(j => j.Id).ToHashSet(StringComparer.OrdinalIgnoreCase), listed);
        Assert.DoesNotContain(old.Id, listed);
        Assert.All(first.Jobs, j => Assert.Equal(JobState.Running, j.Status.State));
        // Without the status filter the finished ones come too; the old one stays outside the window.
        Assert.Equal(running.Count + finished.Count, all.TotalCount);
    }

    [Theory(Timeout = 120_000)]
    [InlineData(CloudService.Rds)]
    [InlineData(CloudService.Dds)]
    public async Task ListRow_MapsToTheSameModelAsTheSingleRead(CloudService service)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cloud = await SimulatedCloud.StartAsync(time);
        var project = cloud.Simulator.AddProject(service, "eu-de");
        var job = AddJob(cloud.Simulator, project, TimeSpan.FromMinutes(20), TimeSpan.FromHours(1));
        using var clients = new CloudClientsUnderTest(cloud.Options(AuthMode.Token, project), time);
        var client = service == CloudService.Rds ? (TaskCenterClient)clients.Rds : clients.Dds;
        var now = time.GetUtcNow().UtcDateTime;

        var single = (await client.GetJobAsync(clients.Project(), job.Id, Ct)).Job!;
        var listed = Assert.Single((await client.ListJobsAsync(clients.Project(), new JobListQuery(now.AddHours(-1), now), Ct)).Jobs);

        Assert.Equal(single.Id, listed.Id, ignoreCase: true);
        Assert.Equal(single.Name, listed.Name);
        Assert.Equal(single.Status, listed.Status);
        Assert.Equal(single.Progress, listed.Progress);
        Assert.Equal(single.Created?.Utc, listed.Created?.Utc);
        Assert.Equal(single.InstanceId, listed.InstanceId);
        Assert.Equal(single.InstanceName, listed.InstanceName);
        Assert.Equal(job.ProgressAt(now), listed.Progress);
        Assert.Equal(job.Kind.Name.Trim(), listed.Name);
    }

    [Fact(Timeout = 120_000)]
    public async Task List_ErrorAnswer_IsClassifiedLikeASingleRead()
    {
        await using var cloud = await ScriptedCloud.StartAsync(ctx => ScriptedCloud.Answer(ctx, 400, """{"error_code":"DBS.200001","error_msg":"Invalid parameter."}"""));
        using var clients = new CloudClientsUnderTest(CloudClientsUnderTest.TokenOptions(new Uri(cloud.BaseUri, "rds")), TimeProvider.System);
        var now = DateTime.UtcNow;

        var list = await clients.Rds.ListJobsAsync(clients.Project(), new JobListQuery(now.AddHours(-1), now), Ct);

        Assert.Equal(ReadOutcome.Rejected, list.Error!.Outcome);
        Assert.Equal("DBS.200001", list.Error.ErrorCode);
        var request = Assert.Single(cloud.Requests);
        Assert.Contains("/tasklist?offset=0&limit=50&start_time=", request, StringComparison.Ordinal);
        Assert.Contains("&end_time=", request, StringComparison.Ordinal);
    }
}
