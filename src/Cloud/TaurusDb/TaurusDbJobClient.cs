using TaskWatch.Core;

namespace TaskWatch.Cloud.TaurusDb;

/// <summary>
/// The TaurusDB dialect: single job <c>GET /v3/{project_id}/jobs?id=</c> shaped like RDS (<c>process</c>
/// as <c>"60%"</c>, <c>entities</c>, <c>created</c> and <c>ended</c> each with its own offset) and, where
/// offered, <c>GET /v3/{project_id}/immediate-jobs</c> (<c>jobs</c> of <c>job_id</c>, <c>job_name</c>,
/// <c>created_time</c>/<c>ended_time</c>; <c>offset</c> counts pages from 1; limit 10, 20 or 50).
/// Huawei Cloud documents a fourth status, <c>Pending</c>: kept as the word and polled like a running job.
/// </summary>
public sealed class TaurusDbJobClient(ITaurusDbApi api, TimeProvider time) : TaskCenterClient(time)
{
    public static readonly JobFields Fields = JobFields.Common with { Progress = w => w.Process ?? w.Progress };

    public static readonly JobListShape ListShape = new("jobs", "total_count", Fields with { IdName = "job_id" });

    private static readonly int[] Limits = [10, 20, 50];

    public override CloudService Service => CloudService.TaurusDb;

    public override int ListPageSize => 50;

    /// <summary>The immediate-jobs rows have no <c>entities</c>.</summary>
    public override bool ListRowsLackDetail => true;

    protected override JobFields SingleFields => Fields;

    protected override Task<HttpResponseMessage> SendGetJobAsync(CloudProject project, string jobId, CancellationToken cancellationToken) =>
        api.GetJobAsync(project, project.ProjectId, jobId, cancellationToken);

    public override async Task<JobListResult> ListJobsAsync(CloudProject project, JobListQuery query, CancellationToken cancellationToken)
    {
        // Only 10, 20 and 50 are allowed: the largest that is not more than asked for.
        var limit = Limits.LastOrDefault(l => l <= query.Limit, Limits[0]);
        var page = (query.Offset / limit) + 1;
        var status = query.Status is { } s and not JobState.Unknown ? s.ToString() : null;
        var call = api.ListImmediateJobsAsync(project, project.ProjectId, page, limit, CloudTimestamp.ToOffsetForm(query.FromUtc), CloudTimestamp.ToOffsetForm(query.ToUtc), status, cancellationToken);
        var (body, error) = await ReadAnswerAsync(call, cancellationToken).ConfigureAwait(false);
        return error is null ? JobListReader.Read(body, ListShape) : JobListResult.Failed(error);
    }
}
