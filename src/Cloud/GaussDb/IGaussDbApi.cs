using Refit;
using TaskWatch.Cloud.Http;

namespace TaskWatch.Cloud.GaussDb;

/// <summary>
/// The GaussDB (openGauss) task center (TASK-CENTERS.md §4): "Obtaining Task Information" and
/// "Querying Tasks" (<c>/tasks</c>, not <c>/jobs</c>). Answers come back raw.
/// </summary>
[Headers("Accept: application/json")]
public interface IGaussDbApi
{
    [Get("/v3/{projectId}/jobs")]
    Task<HttpResponseMessage> GetJobAsync(
        [Property(CloudRequest.ProjectKey)] CloudProject project,
        string projectId,
        [AliasAs("id")] string jobId,
        CancellationToken cancellationToken);

    /// <summary>Times as UNIX milliseconds (UTC); limit 1 to 100.</summary>
    [Get("/v3/{projectId}/tasks")]
    Task<HttpResponseMessage> ListTasksAsync(
        [Property(CloudRequest.ProjectKey)] CloudProject project,
        string projectId,
        int offset,
        int limit,
        [AliasAs("start_time")] long startTime,
        [AliasAs("end_time")] long endTime,
        string? status,
        CancellationToken cancellationToken);
}
