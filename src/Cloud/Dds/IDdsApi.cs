using Refit;
using TaskWatch.Cloud.Http;

namespace TaskWatch.Cloud.Dds;

/// <summary>
/// The DDS task center as TaskWatch calls it (api-docs: "Obtaining Information About a Task",
/// "Querying Tasks", v3.1). Answers come back raw, as for <see cref="IRdsApi"/>.
/// </summary>
[Headers("Accept: application/json")]
public interface IDdsApi
{
    [Get("/v3/{projectId}/jobs")]
    Task<HttpResponseMessage> GetJobAsync(
        [Property(CloudRequest.ProjectKey)] CloudProject project,
        string projectId,
        [AliasAs("id")] string jobId,
        CancellationToken cancellationToken);

    /// <summary>Times as <c>yyyy-MM-ddTHH:mm:ssZ</c>; the API refuses a span over 30 days.</summary>
    [Get("/v3.1/{projectId}/jobs")]
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
