using TaskWatch.Core;

namespace TaskWatch.Cloud.Rds;

/// <summary>
/// The RDS dialect: single job <c>GET /v3/{project_id}/jobs?id=</c> (<c>process</c>, <c>entities</c>,
/// <c>ended</c> absent while running) and the list <c>GET /v3/{project_id}/tasklist</c> (<c>tasks</c>,
/// <c>create_time</c>/<c>end_time</c>, epoch-millisecond filters, pages of 50).
/// </summary>
public sealed class RdsJobClient(IRdsApi api, TimeProvider time) : TaskCenterClient(time)
{
    /// <summary>RDS names progress <c>process</c>; <c>progress</c> is read too rather than lose a figure.</summary>
    public static readonly JobFields Fields = JobFields.Common with { Progress = w => w.Process ?? w.Progress };

    public static readonly JobListShape ListShape = new("tasks", "total_count", Fields);

    public override CloudService Service => CloudService.Rds;

    public override int ListPageSize => 50;

    /// <summary>A <c>tasklist</c> row has no <c>entities</c>; the single-job read has them.</summary>
    public override bool ListRowsLackDetail => true;

    protected override JobFields SingleFields => Fields;

    protected override Task<HttpResponseMessage> SendGetJobAsync(CloudProject project, string jobId, CancellationToken cancellationToken) =>
        api.GetJobAsync(project, project.ProjectId, jobId, cancellationToken);

    public override async Task<JobListResult> ListJobsAsync(CloudProject project, JobListQuery query, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(query.Limit, 1, ListPageSize);
        var status = query.Status is { } s and not JobState.Unknown ? s.ToString() : null;
        var call = api.ListTasksAsync(project, project.ProjectId, query.Offset, limit, CloudTimestamp.ToUnixMilliseconds(query.FromUtc), CloudTimestamp.ToUnixMilliseconds(query.ToUtc), status, cancellationToken);
        var (body, error) = await ReadAnswerAsync(call, cancellationToken).ConfigureAwait(false);
        return error is null ? JobListReader.Read(body, ListShape) : JobListResult.Failed(error);
    }
}
