using System.Globalization;
using System.Text.Json;
using TaskWatch.Cloud.Wire;

namespace TaskWatch.Cloud;

/// <summary>The DDS task center: single job (<c>progress</c>, no entities) and <c>/v3.1/{project_id}/jobs</c>.</summary>
public sealed class DdsJobClient(HttpClient http, TimeProvider time) : TaskCenterClient(http, time)
{
    // The DDS list API refuses a span over 30 days.
    private static readonly TimeSpan MaxSpan = TimeSpan.FromDays(30);

    public override CloudService Service => CloudService.Dds;

    public override async Task<JobListResult> ListJobsAsync(CloudProject project, JobListQuery query, CancellationToken cancellationToken)
    {
        var from = query.ToUtc - query.FromUtc > MaxSpan ? query.ToUtc - MaxSpan : query.FromUtc;
        var limit = Math.Clamp(query.Limit, 1, 100);
        var path = new System.Text.StringBuilder($"v3.1/{Uri.EscapeDataString(project.ProjectId)}/jobs?offset={query.Offset}&limit={limit}");
        path.Append("&start_time=").Append(Uri.EscapeDataString(from.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        path.Append("&end_time=").Append(Uri.EscapeDataString(query.ToUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        if (query.Status is { } status and not JobState.Unknown)
        {
            path.Append("&status=").Append(status);
        }

        var (body, error) = await SendAsync(project, new Uri(project.BaseUri, path.ToString()), cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return JobListResult.Failed(error);
        }

        DdsJobListWire? list;
        try
        {
            list = JsonSerializer.Deserialize(body, CloudJsonContext.Default.DdsJobListWire);
        }
        catch (JsonException ex)
        {
            return JobListResult.Failed(new CloudError(ReadOutcome.Malformed, 200, null, $"job list: invalid JSON at {ex.Path}."));
        }

        if (list?.Jobs is null)
        {
            return JobListResult.Failed(new CloudError(ReadOutcome.Malformed, 200, null, "job list: the body has no 'jobs' array."));
        }

        return JobListReader.Read(list.Jobs, list.TotalCount, Service);
    }
}
