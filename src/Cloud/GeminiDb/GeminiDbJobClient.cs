using TaskWatch.Core;

namespace TaskWatch.Cloud.GeminiDb;

/// <summary>
/// The GeminiDB dialect: only a list answer, <c>{"jobs": [...], "total_count": n}</c>, also for one id
/// (<c>GET /v3/{project_id}/jobs?id=</c>); an unknown id is an empty list with 200, not an error. Times
/// are <c>start_time</c>/<c>end_time</c> (<c>end_time</c> is set while running), progress <c>progress</c>,
/// <c>fail_reason</c> <c>""</c> unless failed; pages of 50 (limit 10, 20 or 50), filters at most 30 days apart.
/// </summary>
public sealed class GeminiDbJobClient(IGeminiDbApi api, TimeProvider time) : TaskCenterClient(time)
{
    public static readonly JobFields Fields = JobFields.Common with
    {
        Created = w => w.StartTime ?? w.Created ?? w.CreatedAt,
        Ended = w => w.EndTime ?? w.Ended ?? w.EndedAt,
    };

    public static readonly JobListShape ListShape = new("jobs", "total_count", Fields);

    private static readonly int[] Limits = [10, 20, 50];
    private static readonly TimeSpan MaxSpan = TimeSpan.FromDays(30);

    public override CloudService Service => CloudService.GeminiDb;

    public override int ListPageSize => 50;

    protected override JobFields SingleFields => Fields;

    protected override Task<HttpResponseMessage> SendGetJobAsync(CloudProject project, string jobId, CancellationToken cancellationToken) =>
        api.GetJobAsync(project, project.ProjectId, jobId, cancellationToken);

    /// <summary>The row of the asked id; an empty list is GeminiDB's "not found".</summary>
    protected override JobReadResult ReadJob(byte[] body, string jobId)
    {
        var list = JobListReader.Read(body, ListShape);
        if (list.Error is { } error)
        {
            return JobReadResult.Failed(error);
        }

        if (list.Jobs.Count == 0)
        {
            return JobReadResult.Failed(list.Unreadable > 0
                ? new CloudError(ReadOutcome.Malformed, 200, null, $"the list for this id has {list.Unreadable} row(s), none readable as a job.")
                : new CloudError(ReadOutcome.NotFound, 200, null, "the job list for this id is empty (GeminiDB's answer for an unknown or not yet queryable job)."));
        }

        // One row is expected; of several, the one with the asked id (the base refuses a row about another job).
        var job = list.Jobs.FirstOrDefault(j => string.Equals(j.Id.Replace(" ", string.Empty, StringComparison.Ordinal), jobId, StringComparison.OrdinalIgnoreCase)) ?? list.Jobs[0];
        return JobReadResult.Ok(job);
    }

    public override async Task<JobListResult> ListJobsAsync(CloudProject project, JobListQuery query, CancellationToken cancellationToken)
    {
        var from = query.ToUtc - query.FromUtc > MaxSpan ? query.ToUtc - MaxSpan : query.FromUtc;
        var limit = Limits.LastOrDefault(l => l <= query.Limit, Limits[0]);
        var status = query.Status is { } s and not JobState.Unknown ? s.ToString() : null;
        var call = api.ListJobsAsync(project, project.ProjectId, query.Offset, limit, CloudTimestamp.ToOffsetForm(from), CloudTimestamp.ToOffsetForm(query.ToUtc), status, cancellationToken);
        var (body, error) = await ReadAnswerAsync(call, cancellationToken).ConfigureAwait(false);
        return error is null ? JobListReader.Read(body, ListShape) : JobListResult.Failed(error);
    }
}
