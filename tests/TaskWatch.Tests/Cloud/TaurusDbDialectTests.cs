using TaskWatch.Cloud;
using TaskWatch.Core;

namespace TaskWatch.Tests.Cloud;

/// <summary>TaurusDB (TASK-CENTERS.md §2): the documented bodies and quirks, read through the real dialect over HTTP.</summary>
public sealed class TaurusDbDialectTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTime Utc(int y, int mo, int d, int h, int mi, int s) => new(y, mo, d, h, mi, s, DateTimeKind.Utc);

    [Fact(Timeout = 60_000)]
    public async Task DocumentedExample_IsACompletedCreate_WithEachTimeInItsOwnOffset_AndEntities()
    {
        await using var cloud = await DocumentedCloud.StartAsync(CloudService.TaurusDb, 200, DocumentedCloud.Example("taurusdb-create-instance"));

        var read = await cloud.Dialect.GetJobAsync(cloud.Project, "a9767ede-fe0f-4888-9003-e843a4c90514", Ct);

        Assert.Equal($"/v3/{DocumentedCloud.ProjectId}/jobs?id=a9767ede-fe0f-4888-9003-e843a4c90514", Assert.Single(cloud.Requests));
        var job = read.Job!;
        Assert.Equal("CreateMysqlInstance", job.Name);
        Assert.Equal(JobState.Completed, job.Status.State);
        // "created" carries +0800 and "ended" +0000 in the same body: 10:41+0800 is 02:41 UTC.
        Assert.Equal(Utc(2018, 8, 6, 2, 41, 14), job.Created!.Value.Utc);
        Assert.Equal(Utc(2018, 8, 6, 16, 41, 14), job.Ended!.Value.Utc);
        Assert.Null(job.Progress);
        Assert.Equal(string.Empty, job.ProgressText);
        Assert.Equal("a48e43ff268f4c0e879652d65e63d0fbin07", job.InstanceId);
        Assert.Equal("DO-NOT-TOUCH-mgr2-mysql-single", job.InstanceName);
        Assert.Null(job.FailReason);
        var e = job.Entities!;
        Assert.Equal("192.168.1.203:3306", e.InstanceEndpoint);
        Assert.Equal("Cluster", e.InstanceType);
        Assert.Equal("gaussdb-mysql", e.DatastoreType);
        Assert.Equal("8.0", e.DatastoreVersion);
        Assert.Equal(["a48e43ff268f4c0e879652d65e63d0fbin07.vm", "a48e43ff268f4c0e879652d65e63d0fbin07.volume"], e.ResourceIds);
        Assert.Empty(job.Warnings);
    }

    [Fact(Timeout = 60_000)]
    public async Task LegacyExample_NameLosesItsLeadingSpace_AndEmptyEntitiesStayEmpty()
    {
        await using var cloud = await DocumentedCloud.StartAsync(CloudService.TaurusDb, 200, DocumentedCloud.Example("taurusdb-restart-legacy"));

        var job = (await cloud.Dialect.GetJobAsync(cloud.Project, "31b8ae23-c687-4d80-b7b4-42a66c9bb886", Ct)).Job!;

        Assert.Equal("RestartGaussDBInstance", job.Name);
        Assert.Equal(JobState.Completed, job.Status.State);
        Assert.Equal("DO-NOT-TOUCH-mgr2-taurusdb", job.InstanceName);
        Assert.Empty(job.Entities!.ResourceIds);
    }

    [Fact(Timeout = 60_000)]
    public async Task RunningJob_ProcessAsPercent_IsItsProgress_AndPendingIsKeptAsTheWordAndPolled()
    {
        await using var cloud = await DocumentedCloud.StartAsync(CloudService.TaurusDb, ctx => ScriptedCloud.Answer(ctx, 200, ctx.Request.Query["id"] == "aaaa1111-0000-0000-0000-000000000001"
            ? """{"job":{"id":"aaaa1111-0000-0000-0000-000000000001","name":"ResizeGaussDBforMySQLFlavor","status":"Running","created":"2026-12-04T10:00:00+0100","process":"60%","instance":{"id":"i1","name":"taurus-1"},"entities":{}}}"""
            : """{"job":{"id":"aaaa1111-0000-0000-0000-000000000002","name":"RebootGaussDBforMySQLInstance","status":"Pending","created":"2026-12-04T10:00:00+0100","process":"","instance":{"id":"i1","name":"taurus-1"}}}"""));

        var running = (await cloud.Dialect.GetJobAsync(cloud.Project, "aaaa1111-0000-0000-0000-000000000001", Ct)).Job!;
        var pending = (await cloud.Dialect.GetJobAsync(cloud.Project, "aaaa1111-0000-0000-0000-000000000002", Ct)).Job!;

        Assert.Equal(60, running.Progress);
        Assert.Equal(Utc(2026, 12, 4, 9, 0, 0), running.Created!.Value.Utc);
        Assert.Equal(JobState.Unknown, pending.Status.State);
        Assert.Equal("Pending", pending.Status.Word);
        Assert.False(pending.Status.IsTerminal);
    }

    [Fact(Timeout = 60_000)]
    public async Task NotFound_IsDbs200543()
    {
        await using var cloud = await DocumentedCloud.StartAsync(CloudService.TaurusDb, 400, """{"error_code": "DBS.200543", "error_msg": "The job does not exist."}""");

        var read = await cloud.Dialect.GetJobAsync(cloud.Project, "aaaa1111-0000-0000-0000-000000000001", Ct);

        Assert.Equal(ReadOutcome.NotFound, read.Outcome);
        Assert.Equal("The job does not exist.", read.Error!.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task ImmediateJobs_CountsPagesFromOne_SendsOffsetTimes_AndReadsJobIdAndJobName()
    {
        const string body = """
            {"jobs":[{"instance_id":"e1in07","instance_name":"taurus-a","instance_status":"normal","job_id":"0a1b2c3d-0000-4000-8000-000000000001","order_id":"",
              "job_name":"CreateGaussDBforMySQLInstance","status":"Failed","process":"","created_time":"2026-12-04T09:00:00+0100","ended_time":"2026-12-04T09:20:00+0100",
              "fail_reason":"createVM failed."}],"total_count":51}
            """;
        await using var cloud = await DocumentedCloud.StartAsync(CloudService.TaurusDb, 200, body);
        var from = Utc(2026, 12, 3, 0, 0, 0);

        var first = await cloud.Dialect.ListJobsAsync(cloud.Project, new JobListQuery(from, from.AddDays(1), JobState.Running, 0, cloud.Dialect.ListPageSize), Ct);
        await cloud.Dialect.ListJobsAsync(cloud.Project, new JobListQuery(from, from.AddDays(1), null, 50, cloud.Dialect.ListPageSize), Ct);

        Assert.Equal(
            [
                $"/v3/{DocumentedCloud.ProjectId}/immediate-jobs?offset=1&limit=50&start_time=2026-12-03T00%3A00%3A00%2B0000&end_time=2026-12-04T00%3A00%3A00%2B0000&status=Running",
                $"/v3/{DocumentedCloud.ProjectId}/immediate-jobs?offset=2&limit=50&start_time=2026-12-03T00%3A00%3A00%2B0000&end_time=2026-12-04T00%3A00%3A00%2B0000",
            ],
            cloud.Requests);
        Assert.Equal(51, first.TotalCount);
        var job = Assert.Single(first.Jobs);
        Assert.Equal("0a1b2c3d-0000-4000-8000-000000000001", job.Id);
        Assert.Equal("CreateGaussDBforMySQLInstance", job.Name);
        Assert.Equal(JobState.Failed, job.Status.State);
        Assert.Equal("createVM failed.", job.FailReason);
        Assert.Equal(Utc(2026, 12, 4, 8, 20, 0), job.Ended!.Value.Utc);
        Assert.Equal("taurus-a", job.InstanceName);
    }
}
