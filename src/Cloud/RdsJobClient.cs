using System.Globalization;
using System.Text.Json;
using TaskWatch.Cloud.Wire;

namespace TaskWatch.Cloud;

/// <summary>The RDS task center: single job (<c>process</c>, <c>entities</c>) and <c>/v3/{project_id}/tasklist</c>.</summary>
public sealed class RdsJobClient(HttpClient http, TimeProvider time) : TaskCenterClient(http, time)
{
    public override CloudService Service => CloudService.Rds;

    public override async Task<JobListResult> ListJobsAsync(CloudProject project, JobListQuery query, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(query.Limit, 1, 50);
        var path = new System.Text.StringBuilder($"v3/{Uri.EscapeDataString(project.ProjectId)}/tasklist?offset={query.Offset}&limit={limit}");
        // Huawei Cloud requires end_time whenever start_time is given: always send both.
        path.Append(CultureInfo.InvariantCulture, $"&start_time={CloudTimestamp.ToUnixMilliseconds(query.FromUtc)}&end_time={CloudTimestamp.ToUnixMilliseconds(query.ToUtc)}");
        if (query.Status is { } status and not JobState.Unknown)
        {
            path.Append("&status=").Append(status);
        }

        var (body, error) = await SendAsync(project, new Uri(project.BaseUri, path.ToString()), cancellationToken).ConfigureAwait(false);
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
