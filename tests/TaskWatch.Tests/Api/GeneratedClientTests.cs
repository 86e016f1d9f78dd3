using TaskWatch.Tests.Generated;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Api;

/// <summary>
/// A client that NSwag generated from docs/openapi.json alone (tests/TaskWatch.Tests.csproj) talks to the running app:
/// the document is enough to register, read, list and wait, and to read a problem answer.
/// </summary>
public sealed class GeneratedClientTests
{
    private const string Project = "demo-rds-eu-de";
    private const string JobId = "676e9f17f9b74289883a44a47b8101f5";

    [Fact]
    public async Task GeneratedClient_RegistersReadsListsWaits_AndReadsAProblem()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["TaskWatch:Demo:JobsPerMinute"] = "0.1" });
        var client = new TaskWatchClient(app.Http) { BaseUrl = app.BaseUri.AbsoluteUri };
        var cancel = TestContext.Current.CancellationToken;

        var registered = await client.RegisterJobAsync(new RegisterJobRequest { Project = Project, JobId = JobId }, cancel);
        Assert.Equal("Registered", registered.Outcome);
        Assert.True(registered.Accepted);

        var detail = await client.GetJobAsync(Project, JobId, cancel);
        Assert.Equal(JobId, detail.Job.JobId);
        Assert.Equal("Rds", detail.Job.Service);
        Assert.True(detail.Job.Tracking);

        var listed = await client.ListJobsAsync(Project, CloudService.Rds, null, null, null, null, true, 0, 10, cancel);
        Assert.Contains(listed.Jobs, j => j.JobId == JobId);
        var none = await client.ListJobsAsync(Project, CloudService.Dds, null, null, null, null, null, null, null, cancel);
        Assert.DoesNotContain(none.Jobs, j => j.JobId == JobId);

        var waited = await client.WaitForJobAsync(Project, JobId, 0, cancel);
        Assert.Equal(JobId, waited.Job.JobId);
        Assert.Contains(waited.Outcome, new[] { "TimedOut", "NotFound", "Completed", "Failed" });

        var problem = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() => client.GetJobAsync("no-such-project", JobId, cancel));
        Assert.Equal(404, problem.StatusCode);
        Assert.Equal("Unknown project", problem.Result.Title);
        Assert.Contains("no-such-project", problem.Result.Detail, StringComparison.Ordinal);

        var refused = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() => client.ListJobsAsync(null, null, null, null, null, null, null, null, 501, cancel));
        Assert.Equal(400, refused.StatusCode);
        Assert.Contains("'limit' is '501'", refused.Result.Detail, StringComparison.Ordinal);
    }
}
