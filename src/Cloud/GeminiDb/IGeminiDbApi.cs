using Refit;
using TaskWatch.Cloud.Http;

namespace TaskWatch.Cloud.GeminiDb;

/// <summary>
/// The GeminiDB task center (TASK-CENTERS.md §3): one API, "Querying Tasks and Details", serves both
/// the read of one id and the list. Answers come back raw.
/// </summary>
[Headers("Accept: application/json")]
public interface IGeminiDbApi
{
    /// <summary>The list filtered to one id: the answer is still a list (empty for an unknown id).</summary>
    [Get("/v3/{projectId}/jobs")]
    Task<HttpResponseMessage> GetJobAsync(
        [Property(CloudRequest.ProjectKey)] CloudProject project,
        string projectId,
        [AliasAs("id")] string jobId,
        CancellationToken cancellationToken);

    /// <summary>Times <c>yyyy-mm-ddThh:mm:ss+0000</c>, at most 30 days apart; limit 10, 20 or 50.</summary>
    [Get("/v3/{projectId}/jobs")]
    Task<HttpResponseMessage> ListJobsAsync(
        [Property(CloudRequest.ProjectKey)] CloudProject project,
        string projectId,
        int offset,
        int limit,
        [AliasAs("start_time")] string startTime,
        [AliasAs("end_time")] string endTime,
        string? status,
        CancellationToken cancellationToken);
}
