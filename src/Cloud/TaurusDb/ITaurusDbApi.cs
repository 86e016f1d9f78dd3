using Refit;
using TaskWatch.Cloud.Http;

namespace TaskWatch.Cloud.TaurusDb;

/// <summary>
/// The TaurusDB task center (TASK-CENTERS.md §2): "Obtaining Information About a Task with a Specified
/// ID" (OTC) and "Obtaining Instant Tasks" (Huawei Cloud only). Answers come back raw.
/// </summary>
[Headers("Accept: application/json")]
public interface ITaurusDbApi
{
    [Get("/v3/{projectId}/jobs")]
    Task<HttpResponseMessage> GetJobAsync(
        [Property(CloudRequest.ProjectKey)] CloudProject project,
        string projectId,
        [AliasAs("id")] string jobId,
        CancellationToken cancellationToken);

    /// <summary><paramref name="offset"/> is a page number from 1 (as Huawei's own client pages); limit 10, 20 or 50; times <c>yyyy-mm-ddThh:mm:ss+0000</c>.</summary>
    [Get("/v3/{projectId}/immediate-jobs")]
    Task<HttpResponseMessage> ListImmediateJobsAsync(
        [Property(CloudRequest.ProjectKey)] CloudProject project,
        string projectId,
        int offset,
        int limit,
        [AliasAs("start_time")] string startTime,
        [AliasAs("end_time")] string endTime,
        string? status,
        CancellationToken cancellationToken);
}
