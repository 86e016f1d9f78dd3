using TaskWatch.Cloud;
using TaskWatch.Core;

namespace TaskWatch.Tests.Cloud;

/// <summary>RDS's list (TASK-CENTERS.md §8): the documented tasklist body through the real dialect over HTTP.</summary>
public sealed class RdsDialectTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task DocumentedTaskList_ReadsCreateTimeAndFlatInstance_AndTotalCount()
    {
        await using var cloud = await DocumentedCloud.StartAsync(CloudService.Rds, 200, DocumentedCloud.Example("rds-tasklist"));
        var from = new DateTime(2020, 7, 15, 0, 0, 0, DateTimeKind.Utc);

        var list = await cloud.Dialect.ListJobsAsync(cloud.Project, new JobListQuery(from, from.AddDays(1), null, 0, cloud.Dialect.ListPageSize), Ct);

        Assert.Equal($"/v3/{DocumentedCloud.ProjectId}/tasklist?offset=0&limit=50&start_time=1594771200000&end_time=1594857600000", Assert.Single(cloud.Requests));
        Assert.Equal(1, list.TotalCount);
        var job = Assert.Single(list.Jobs);
        Assert.Equal("676e9f17f9b74289883a44a47b8101f5", job.Id);
        Assert.Equal("RestoreSqlserverInInstance", job.Name);
        Assert.Equal(JobState.Completed, job.Status.State);
        Assert.Equal(new DateTime(2020, 7, 15, 7, 46, 10, DateTimeKind.Utc), job.Created!.Value.Utc);
        Assert.Equal("4d00c7e9d22145deb889937a72b59c8ein01", job.InstanceId);
        Assert.Equal("rds-local-scale", job.InstanceName);
        Assert.Null(job.Progress);
    }
}
