using TaskWatch.Core;

namespace TaskWatch.Cloud.Dds;

/// <summary>
/// The DDS dialect: single job <c>GET /v3/{project_id}/jobs?id=</c> (<c>progress</c>, no entities,
/// <c>ended</c> sent while running) and the list <c>GET /v3.1/{project_id}/jobs</c> (<c>jobs</c>,
/// <c>created_at</c>/<c>ended_at</c>, <c>yyyy-MM-ddTHH:mm:ssZ</c> filters at most 30 days apart, pages of 100).
/// </summary>
public sealed class DdsJobClient(IDdsApi api, TimeProvider time) : TaskCenterClient(time)
{
    public static readonly JobFields Fields = JobFields.Common;

    public static readonly JobListShape ListShape = new("jobs", "total_count", Fields);

    // The DDS list API refuses a span over 30 days.
    private static readonly TimeSpan MaxSpan = TimeSpan.FromDays(30);

    public override CloudService Service => CloudService.Dds;

    public override int ListPageSize => 100;

    protected override JobFields SingleFields => Fields;

    protected override Task<HttpResponseMessage> SendGetJobAsync(CloudProject project, string jobId, CancellationToken cancellationToken) =>
        api.GetJobAsync(project, project.ProjectId, jobId, cancellationToken);

    public override async Task<JobListResult> ListJobsAsync(CloudProject project, JobListQuery query, CancellationToken cancellationToken)
    {
        var from = query.ToUtc - query.FromUtc > MaxSpan ? query.ToUtc - MaxSpan : query.FromUtc;
        var limit = Math.Clamp(query.Limit, 1, ListPageSize);
        var status = query.Status is { } s and not JobState.Unknown ? s.ToString() : null;
        var call = api.ListJobsAsync(project, project.ProjectId, query.Offset, limit, CloudTimestamp.ToZulu(from), CloudTimestamp.ToZulu(query.ToUtc), status, cancellationToken);
        var (body, error) = await ReadAnswerAsync(call, cancellationToken).ConfigureAwait(false);
        return error is null ? JobListReader.Read(body, ListShape) : JobListResult.Failed(error);
    }
}
