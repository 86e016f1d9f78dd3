using Refit;
using TaskWatch.Cloud.Http;

namespace TaskWatch.Cloud.Ddm;

/// <summary>
/// The DDM task center (TASK-CENTERS.md §5): "Obtaining Information About a Task with a Specified ID"
/// (the id in the path) and "Querying Information About Tasks". Answers come back raw.
/// </summary>
[Headers("Accept: application/json")]
public interface IDdmApi
{
    [Get("/v3/{projectId}/jobs/{jobId}")]
    Task<HttpResponseMessage> GetJobAsync(
        [Property(CloudRequest.ProjectKey)] CloudProject project,
        string projectId,
        string jobId,
        CancellationToken cancellationToken);

    /// <summary>start_time and end_time are mandatory, UNIX milliseconds, start at most 30 days back; limit 1 to 128; no status filter.</summary>
    [Get("/v3/{projectId}/jobs")]
    Task<HttpResponseMessage> ListJobsAsync(
        [Property(CloudRequest.ProjectKey)] CloudProject project,
        string projectId,
        int offset,
        int limit,
        [AliasAs("start_time")] long startTime,
        [AliasAs("end_time")] long endTime,
        CancellationToken cancellationToken);
}
