using System.Text.Json;
using TaskWatch.Cloud.Wire;
using TaskWatch.Core;

namespace TaskWatch.Cloud;

/// <summary>The RDS task center: single job (<c>process</c>, <c>entities</c>) and <c>/v3/{project_id}/tasklist</c>.</summary>
public sealed class RdsJobClient(IRdsApi api, TimeProvider time) : TaskCenterClient(time)
{
    public override CloudService Service => CloudService.Rds;

    protected override Task<HttpResponseMessage> SendGetJobAsync(CloudProject project, string jobId, CancellationToken cancellationToken) =>
        api.GetJobAsync(project, project.ProjectId, jobId, cancellationToken);

    public override async Task<JobListResult> ListJobsAsync(CloudProject project, JobListQuery query, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(query.Limit, 1, 50);
        var status = query.Status is { } s and not JobState.Unknown ? s.ToString() : null;
        var call = api.ListTasksAsync(project, project.ProjectId, query.Offset, limit, CloudTimestamp.ToUnixMilliseconds(query.FromUtc), CloudTimestamp.ToUnixMilliseconds(query.ToUtc), status, cancellationToken);
        var (body, error) = await ReadAnswerAsync(call, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return JobListResult.Failed(error);
        }

        RdsTaskListWire? list;
        try
        {
            list = JsonSerializer.Deserialize(body, CloudJsonContext.Default.RdsTaskListWire);
        }
        catch (JsonException ex)
        {
            return JobListResult.Failed(new CloudError(ReadOutcome.Malformed, 200, null, $"task list: invalid JSON at {ex.Path}."));
        }

        if (list?.Tasks is null)
        {
            return JobListResult.Failed(new CloudError(ReadOutcome.Malformed, 200, null, "task list: the body has no 'tasks' array."));
        }

        return JobListReader.Read(list.Tasks, list.TotalCount, Service);
    }
}
