using TaskWatch.Core;

namespace TaskWatch.Cloud.Ddm;

/// <summary>
/// The DDM dialect: single job <c>GET /v3/{project_id}/jobs/{job_id}</c> (<c>created_time</c>/<c>end_time</c>,
/// <c>process</c>, no failure reason) and the list <c>GET /v3/{project_id}/jobs?start_time=&amp;end_time=</c>
/// (epoch milliseconds, mandatory; flat rows with <c>fail_reason</c>; <c>total</c> instead of <c>total_count</c>;
/// statuses beyond the three, such as <c>Expanding</c> or <c>ToBeSwitched</c>, kept as words and polled like
/// running jobs). Errors are <c>{"errCode", "externalMessage"}</c>; an unknown task is 400 <c>DBS.300400</c>.
/// </summary>
public sealed class DdmJobClient(IDdmApi api, TimeProvider time) : TaskCenterClient(time)
{
    public static readonly JobFields Fields = JobFields.Common with { Progress = w => w.Process ?? w.Progress };

    public static readonly JobListShape ListShape = new("jobs", "total", Fields);

    public static readonly CloudErrorBody Errors = new("errCode", "externalMessage", new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "DBS.300400" });

    // The list refuses a start more than 30 days back.
    private static readonly TimeSpan MaxLookBack = TimeSpan.FromDays(30);

    // How many list pages a failed job's reason is worth looking for.
    private const int ReasonPages = 2;

    public override CloudService Service => CloudService.Ddm;

    public override int ListPageSize => 128;

    protected override JobFields SingleFields => Fields;

    protected override CloudErrorBody ErrorBody => Errors;

    protected override Task<HttpResponseMessage> SendGetJobAsync(CloudProject project, string jobId, CancellationToken cancellationToken) =>
        api.GetJobAsync(project, project.ProjectId, jobId, cancellationToken);

    /// <summary>The single read of a failed job has no reason; where the project reads lists, its list row has one.</summary>
    protected override async Task<CloudJob> CompleteAsync(CloudProject project, CloudJob job, CancellationToken cancellationToken)
    {
        if (job.Status.State != JobState.Failed || job.FailReason is not null || !project.ListApi)
        {
            return job;
        }

        var now = Time.GetUtcNow().UtcDateTime;
        var from = job.Created?.Utc is { } created ? created.AddMinutes(-1) : now - MaxLookBack;
        for (var page = 0; page < ReasonPages; page++)
        {
            var list = await ListJobsAsync(project, new JobListQuery(from, now.AddMinutes(1), null, page * ListPageSize, ListPageSize), cancellationToken).ConfigureAwait(false);
            if (list.Jobs.FirstOrDefault(j => string.Equals(j.Id, job.Id, StringComparison.OrdinalIgnoreCase)) is { } row)
            {
                return row.FailReason is null ? job : job with { FailReason = row.FailReason };
            }

            if (list.Error is not null || list.Jobs.Count + list.Unreadable < ListPageSize)
            {
                break;
            }
        }

        return job;
    }

    public override async Task<JobListResult> ListJobsAsync(CloudProject project, JobListQuery query, CancellationToken cancellationToken)
    {
        var earliest = Time.GetUtcNow().UtcDateTime - MaxLookBack + TimeSpan.FromMinutes(1);
        var from = query.FromUtc < earliest ? earliest : query.FromUtc;
        var limit = Math.Clamp(query.Limit, 1, ListPageSize);
        // No status filter exists: the rows say each job's status.
        var call = api.ListJobsAsync(project, project.ProjectId, query.Offset, limit, CloudTimestamp.ToUnixMilliseconds(from), CloudTimestamp.ToUnixMilliseconds(query.ToUtc), cancellationToken);
        var (body, error) = await ReadAnswerAsync(call, cancellationToken).ConfigureAwait(false);
        return error is null ? JobListReader.Read(body, ListShape) : JobListResult.Failed(error);
    }
}
