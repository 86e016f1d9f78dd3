using TaskWatch.Cloud;
using TaskWatch.Core;

namespace TaskWatch.Tests.Cloud;

/// <summary>GeminiDB (TASK-CENTERS.md §3): only a list answer, also for one id; read through the real dialect over HTTP.</summary>
public sealed class GeminiDbDialectTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTime Utc(int y, int mo, int d, int h, int mi, int s) => new(y, mo, d, h, mi, s, DateTimeKind.Utc);

    [Fact(Timeout = 60_000)]
    public async Task DocumentedExample_IsARunningCreate_WhoseEndTimeMeansNothingYet()
    {
        await using var cloud = await DocumentedCloud.StartAsync(CloudService.GeminiDb, 200, DocumentedCloud.Example("geminidb-create-running"));

        var read = await cloud.Dialect.GetJobAsync(cloud.Project, "6f85e061-04dd-42e7-86d6-d3b1e40aac2e", Ct);

        Assert.Equal($"/v3/{DocumentedCloud.ProjectId}/jobs?id=6f85e061-04dd-42e7-86d6-d3b1e40aac2e", Assert.Single(cloud.Requests));
        var job = read.Job!;
        Assert.Equal("CreateCassandra", job.Name);
        Assert.Equal(JobState.Running, job.Status.State);
        Assert.Equal(14, job.Progress);
        Assert.Equal(Utc(2023, 9, 12, 6, 44, 1), job.Created!.Value.Utc);
        Assert.Equal(Utc(2023, 9, 12, 6, 44, 3), job.Ended!.Value.Utc);
        Assert.False(job.EndedIsMeaningful);
        Assert.Null(job.FailReason);
        Assert.Equal("27a045b6bf9e46f691f81366d398cb04in06", job.InstanceId);
        Assert.Equal("nosql-12f5", job.InstanceName);
    }

    [Fact(Timeout = 60_000)]
    public async Task DocumentedExample_AskedForTheDocumentsOtherId_IsRefused_NotStoredUnderIt()
    {
        // The document asks for 89a0cde6-... and shows an answer about 6f85e061-...
        await using var cloud = await DocumentedCloud.StartAsync(CloudService.GeminiDb, 200, DocumentedCloud.Example("geminidb-create-running"));

        var read = await cloud.Dialect.GetJobAsync(cloud.Project, "89a0cde6-9c46-4b89-a92c-573e1083ff23", Ct);

        Assert.Equal(ReadOutcome.Malformed, read.Outcome);
        Assert.Contains("6f85e061-04dd-42e7-86d6-d3b1e40aac2e", read.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("89a0cde6-9c46-4b89-a92c-573e1083ff23", read.Error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task UnknownId_IsAnEmptyList_ReadAsNotFound()
    {
        await using var cloud = await DocumentedCloud.StartAsync(CloudService.GeminiDb, 200, """{"total_count":0,"jobs":[]}""");

        var read = await cloud.Dialect.GetJobAsync(cloud.Project, "89a0cde6-9c46-4b89-a92c-573e1083ff23", Ct);

        Assert.Equal(ReadOutcome.NotFound, read.Outcome);
        Assert.Equal(200, read.Error!.HttpStatus);
    }

    [Fact(Timeout = 60_000)]
    public async Task OneReadableRowAmongSeveral_IsTheAskedOne()
    {
        await using var cloud = await DocumentedCloud.StartAsync(CloudService.GeminiDb, 200, """
            {"total_count":2,"jobs":[{"id":"aaaa1111-0000-0000-0000-000000000001","name":"RestartInstance","status":"Completed","start_time":"2026-12-04T09:00:00+0000","end_time":"2026-12-04T09:01:00+0000","progress":"","instance":{"id":"i1","name":"n1"},"fail_reason":""},
            {"id":"aaaa1111-0000-0000-0000-000000000002","name":"EnlargeInstance","status":"Failed","start_time":"2026-12-04T09:00:00+0000","end_time":"2026-12-04T09:05:00+0000","progress":"","instance":{"id":"i1","name":"n1"},"fail_reason":"Insufficient resources for the new nodes."}]}
            """);

        var job = (await cloud.Dialect.GetJobAsync(cloud.Project, "aaaa1111-0000-0000-0000-000000000002", Ct)).Job!;

        Assert.Equal(JobState.Failed, job.Status.State);
        Assert.Equal("Insufficient resources for the new nodes.", job.FailReason);
    }

    [Fact(Timeout = 60_000)]
    public async Task List_SendsOffsetTimesAtMost30DaysApart_AndPagesOf50()
    {
        await using var cloud = await DocumentedCloud.StartAsync(CloudService.GeminiDb, 200, DocumentedCloud.Example("geminidb-create-running"));
        var to = Utc(2026, 12, 4, 12, 0, 0);

        var list = await cloud.Dialect.ListJobsAsync(cloud.Project, new JobListQuery(to.AddDays(-40), to, JobState.Running, 50, 100), Ct);

        Assert.Equal($"/v3/{DocumentedCloud.ProjectId}/jobs?offset=50&limit=50&start_time=2026-11-04T12%3A00%3A00%2B0000&end_time=2026-12-04T12%3A00%3A00%2B0000&status=Running", Assert.Single(cloud.Requests));
        Assert.Equal(1, list.TotalCount);
        Assert.Equal("CreateCassandra", Assert.Single(list.Jobs).Name);
    }
}
