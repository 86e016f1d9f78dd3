using TaskWatch.Cloud;
using TaskWatch.Core;

namespace TaskWatch.Tests.Cloud;

/// <summary>GaussDB (openGauss, TASK-CENTERS.md §4): the documented bodies and quirks, read through the real dialect over HTTP.</summary>
public sealed class GaussDbDialectTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTime Utc(int y, int mo, int d, int h, int mi, int s) => new(y, mo, d, h, mi, s, DateTimeKind.Utc);

    [Fact(Timeout = 60_000)]
    public async Task DocumentedExample_IsACompletedCreate_WithANullFailReason()
    {
        await using var cloud = await DocumentedCloud.StartAsync(CloudService.GaussDb, 200, DocumentedCloud.Example("gaussdb-create-completed"));

        var job = (await cloud.Dialect.GetJobAsync(cloud.Project, "5cbb8a90-2253-4cff-8a13-49aa8f31dfb5", Ct)).Job!;

        Assert.Equal($"/v3/{DocumentedCloud.ProjectId}/jobs?id=5cbb8a90-2253-4cff-8a13-49aa8f31dfb5", Assert.Single(cloud.Requests));
        Assert.Equal("CreateGaussDBV5Instance", job.Name);
        Assert.Equal(JobState.Completed, job.Status.State);
        Assert.Equal(Utc(2021, 7, 12, 1, 22, 4), job.Created!.Value.Utc);
        Assert.Equal(Utc(2021, 7, 12, 2, 10, 13), job.Ended!.Value.Utc);
        Assert.Null(job.Progress);
        Assert.Null(job.FailReason);
        Assert.Equal("b34f8c791f2643578510c093aa2351a8in14", job.InstanceId);
        Assert.Equal("gauss-c1a3", job.InstanceName);
        Assert.Null(job.Entities);
    }

    [Fact(Timeout = 60_000)]
    public async Task SingleRead_ReadsProgress_ListReadsProcess()
    {
        await using var cloud = await DocumentedCloud.StartAsync(CloudService.GaussDb, ctx => ScriptedCloud.Answer(ctx, 200, ctx.Request.Path.Value!.EndsWith("/tasks", StringComparison.Ordinal)
            ? """{"tasks":[{"instance_info":{"instance_id":"i1","instance_name":"g1","instance_status":"creating"},"job_id":"5cbb8a90-2253-4cff-8a13-49aa8f31dfb5","name":"EnlargeGaussDBV5Volume","status":"Running","process":"40%","progress":"1%","fail_reason":null,"created_at":"2026-12-04T09:00:00+0800","ended_at":""}],"total_count":1}"""
            : """{"job":{"id":"5cbb8a90-2253-4cff-8a13-49aa8f31dfb5","name":"EnlargeGaussDBV5Volume","status":"Running","created":"2026-12-04T09:00:00+0800","ended":"","progress":"60%","process":"1%","instance":{"id":"i1","name":"g1"},"fail_reason":null}}"""));

        var single = (await cloud.Dialect.GetJobAsync(cloud.Project, "5cbb8a90-2253-4cff-8a13-49aa8f31dfb5", Ct)).Job!;
        var row = Assert.Single((await cloud.Dialect.ListJobsAsync(cloud.Project, new JobListQuery(Utc(2026, 12, 4, 0, 0, 0), Utc(2026, 12, 4, 2, 0, 0)), Ct)).Jobs);

        Assert.Equal(60, single.Progress);
        Assert.Equal(40, row.Progress);
    }

    [Fact(Timeout = 60_000)]
    public async Task DocumentedList_AtTasks_ReadsJobIdInstanceInfoAndNullProcess_WithMillisecondFilters()
    {
        await using var cloud = await DocumentedCloud.StartAsync(CloudService.GaussDb, 200, DocumentedCloud.Example("gaussdb-tasks"));
        var from = Utc(2022, 8, 1, 0, 0, 0);

        var list = await cloud.Dialect.ListJobsAsync(cloud.Project, new JobListQuery(from, from.AddDays(10), JobState.Failed, 0, cloud.Dialect.ListPageSize), Ct);

        Assert.Equal($"/v3/{DocumentedCloud.ProjectId}/tasks?offset=0&limit=100&start_time=1659312000000&end_time=1660176000000&status=Failed", Assert.Single(cloud.Requests));
        Assert.Equal(2, list.TotalCount);
        Assert.Equal(0, list.Unreadable);
        var failed = list.Jobs[0];
        Assert.Equal("03bc055a-135c-4245-8bd8-b0bc6d3350b3", failed.Id);
        Assert.Equal("CreateGaussDBV5Instance", failed.Name);
        Assert.Equal(JobState.Failed, failed.Status.State);
        Assert.Equal("An exception occurs when the ECS processes services.", failed.FailReason);
        Assert.Null(failed.Progress);
        Assert.Equal("ce2dce50f365430abe161bab79495a6ein14", failed.InstanceId);
        Assert.Equal("gauss-6568-zzh", failed.InstanceName);
        Assert.Equal(Utc(2022, 8, 5, 0, 15, 7), failed.Created!.Value.Utc);
        Assert.Equal(Utc(2022, 8, 8, 19, 6, 52), failed.Ended!.Value.Utc);
        var deleted = list.Jobs[1];
        Assert.Equal(JobState.Completed, deleted.Status.State);
        Assert.Null(deleted.FailReason);
        Assert.Equal("gauss-7875-lt-m", deleted.InstanceName);
    }

    [Fact(Timeout = 60_000)]
    public async Task NotFound_IsDbs200543()
    {
        await using var cloud = await DocumentedCloud.StartAsync(CloudService.GaussDb, 400, """{"error_code": "DBS.200543", "error_msg": "The job does not exist."}""");

        Assert.Equal(ReadOutcome.NotFound, (await cloud.Dialect.GetJobAsync(cloud.Project, "5cbb8a90-2253-4cff-8a13-49aa8f31dfb5", Ct)).Outcome);
    }
}
