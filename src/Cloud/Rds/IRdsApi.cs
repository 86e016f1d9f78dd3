using Refit;
using TaskWatch.Cloud.Http;

namespace TaskWatch.Cloud.Rds;

/// <summary>
/// The RDS task center as TaskWatch calls it (api-docs: "Obtaining Information About a Task with a
/// Specified ID", "Obtaining Task Information"). Answers come back raw: TaskWatch reads the bytes,
/// keeps them and classifies errors itself. <paramref name="project"/> rides along for the handlers
/// (endpoint, credentials, call budget).
/// </summary>
[Headers("Accept: application/json")]
public interface IRdsApi
{
    [Get("/v3/{projectId}/jobs")]
    Task<HttpResponseMessage> GetJobAsync(
        [Property(CloudRequest.ProjectKey)] CloudProject project,
        string projectId,
        [AliasAs("id")] string jobId,
        CancellationToken cancellationToken);

    /// <summary>Huawei Cloud requires end_time whenever start_time is given: both are always sent (Unix ms).</summary>
    [Get("/v3/{projectId}/tasklist")]
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
