using TaskWatch.Cloud;
using TaskWatch.Core;

namespace TaskWatch.Tests.Cloud;

/// <summary>DDM (TASK-CENTERS.md §5): the id in the path, its own error body, list statuses beyond three; through the real dialect over HTTP.</summary>
public sealed class DdmDialectTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTime Utc(int y, int mo, int d, int h, int mi, int s) => new(y, mo, d, h, mi, s, DateTimeKind.Utc);

    [Fact(Timeout = 60_000)]
    public async Task DocumentedExample_IsARunningCreate_ReadByTheIdInThePath()
    {
        await using var cloud = await DocumentedCloud.StartAsync(CloudService.Ddm, 200, DocumentedCloud.Example("ddm-create-running"));

        var job = (await cloud.Dialect.GetJobAsync(cloud.Project, "31b8ae23-c687-4d80-b7b4-42a66c9bb886", Ct)).Job!;

        Assert.Equal($"/v3/{DocumentedCloud.ProjectId}/jobs/31b8ae23-c687-4d80-b7b4-42a66c9bb886", Assert.Single(cloud.Requests));
        Assert.Equal("CreateInstance", job.Name);
        Assert.Equal(JobState.Running, job.Status.State);
        Assert.Equal(60, job.Progress);
        Assert.Equal(Utc(2018, 8, 6, 9, 41, 14), job.Created!.Value.Utc);
        Assert.False(job.EndedIsMeaningful);
        Assert.Equal("a48e43ff268f4c0e879652d65e63d0fbin09", job.InstanceId);
        Assert.Equal("DDM-test", job.InstanceName);
        Assert.Null(job.FailReason);
    }

    [Fact(Timeout = 60_000)]
    public async Task DocumentedList_KeepsToBeSwitchedAsTheWord_ReadsTotal_AndSendsNoStatus()
    {
        await using var cloud = await DocumentedCloud.StartAsync(CloudService.Ddm, 200, DocumentedCloud.Example("ddm-jobs"));
        var from = Utc(2025, 5, 20, 0, 0, 0);

        var list = await cloud.Dialect.ListJobsAsync(cloud.Project, new JobListQuery(from, from.AddDays(1), JobState.Running, 0, cloud.Dialect.ListPageSize), Ct);

        Assert.StartsWith($"/v3/{DocumentedCloud.ProjectId}/jobs?offset=0&limit=128&start_time=", Assert.Single(cloud.Requests), StringComparison.Ordinal);
        Assert.DoesNotContain("status", cloud.Requests[0], StringComparison.Ordinal);
        Assert.Equal(3, list.TotalCount);
        Assert.Equal(3, list.Jobs.Count);
        var switching = list.Jobs[0];
        Assert.Equal("migrateLogicDb", switching.Name);
        Assert.Equal(JobState.Unknown, switching.Status.State);
        Assert.Equal("ToBeSwitched", switching.Status.Word);
        Assert.False(switching.Status.IsTerminal);
        Assert.Equal("733c7e8d73a54c27b8308ec784a8be8cin09", switching.InstanceId);
        Assert.Equal("UTS-ddm-dtc-src", switching.InstanceName);
        Assert.Null(switching.FailReason);
        Assert.Equal(JobState.Completed, list.Jobs[1].Status.State);
        Assert.Equal(Utc(2025, 5, 20, 15, 3, 45), list.Jobs[1].Ended!.Value.Utc);
    }

    [Fact(Timeout = 60_000)]
    public async Task ErrorBody_ErrCodeAndExternalMessage_UnknownTaskIsNotFound()
    {
        await using var cloud = await DocumentedCloud.StartAsync(CloudService.Ddm, ctx => ctx.Request.Path.Value!.EndsWith("1", StringComparison.Ordinal)
            ? ScriptedCloud.Answer(ctx, 400, """{"errCode": "DBS.300400", "externalMessage": "The task is not found."}""")
            : ScriptedCloud.Answer(ctx, 400, """{"errCode": "DBS.300120", "externalMessage": "Failed to obtain task information."}"""));

        var unknown = await cloud.Dialect.GetJobAsync(cloud.Project, "aaaa1111-0000-0000-0000-000000000001", Ct);
        var refused = await cloud.Dialect.GetJobAsync(cloud.Project, "aaaa1111-0000-0000-0000-000000000002", Ct);

        Assert.Equal(ReadOutcome.NotFound, unknown.Outcome);
        Assert.Equal("DBS.300400", unknown.Error!.ErrorCode);
        Assert.Equal("The task is not found.", unknown.Error.Message);
        Assert.Equal(ReadOutcome.Rejected, refused.Outcome);
        Assert.Equal("Failed to obtain task information.", refused.Error!.Message);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(true, "Shard configuration failed: the destination shard has too little space.")]
    [InlineData(false, null)]
    public async Task FailedSingleRead_HasNoReason_TheListRowGivesIt_WhereTheProjectReadsLists(bool listApi, string? expected)
    {
        await using var cloud = await DocumentedCloud.StartAsync(CloudService.Ddm, ctx => ScriptedCloud.Answer(ctx, 200, ctx.Request.Path.Value!.EndsWith("/jobs", StringComparison.Ordinal)
            ? """{"jobs":[{"id":"aaaa1111-0000-0000-0000-000000000001","name":"migrateLogicDb","status":"Failed","created_time":"2026-12-04T09:00:00+0000","end_time":"2026-12-04T09:30:00+0000","process":"","instance_name":"ddm-1","instance_id":"i1in09","operations":["toBeRetried"],"database_name":"db_1","fail_reason":"Shard configuration failed: the destination shard has too little space."}],"offset":0,"limit":128,"total":1}"""
            : """{"job":{"id":"aaaa1111-0000-0000-0000-000000000001","name":"migrateLogicDb","status":"Failed","created_time":"2026-12-04T09:00:00+0000","end_time":"2026-12-04T09:30:00+0000","process":"","instance":{"id":"i1in09","name":"ddm-1"}}}"""), listApi);

        var job = (await cloud.Dialect.GetJobAsync(cloud.Project, "aaaa1111-0000-0000-0000-000000000001", Ct)).Job!;

        Assert.Equal(JobState.Failed, job.Status.State);
        Assert.Equal(expected, job.FailReason);
        Assert.Equal(listApi ? 2 : 1, cloud.Requests.Count);
    }
}
