using TaskWatch.Core;

namespace TaskWatch.Cloud.GaussDb;

/// <summary>
/// The GaussDB (openGauss) dialect: single job <c>GET /v3/{project_id}/jobs?id=</c> with <c>progress</c>
/// and <c>fail_reason: null</c> on success; the list <c>GET /v3/{project_id}/tasks</c> names the same
/// facts differently: <c>job_id</c>, <c>process</c> (<c>null</c> when finished), <c>created_at</c>/<c>ended_at</c>,
/// the instance in <c>instance_info</c>; epoch-millisecond filters, pages of 100.
/// </summary>
public sealed class GaussDbJobClient(IGaussDbApi api, TimeProvider time) : TaskCenterClient(time)
{
    public static readonly JobFields Fields = JobFields.Common with { Progress = w => w.Progress ?? w.Process };

    public static readonly JobListShape ListShape = new("tasks", "total_count", JobFields.Common with { Progress = w => w.Process ?? w.Progress, IdName = "job_id" });

    public override CloudService Service => CloudService.GaussDb;

    public override int ListPageSize => 100;

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
