using System.Globalization;
using System.Text.Json;
using TaskWatch.Cloud.Wire;
using TaskWatch.Core;

namespace TaskWatch.Cloud;

/// <summary>The DDS task center: single job (<c>progress</c>, no entities) and <c>/v3.1/{project_id}/jobs</c>.</summary>
public sealed class DdsJobClient(IDdsApi api, TimeProvider time) : TaskCenterClient(time)
{
    // The DDS list API refuses a span over 30 days.
    private static readonly TimeSpan MaxSpan = TimeSpan.FromDays(30);

    public override CloudService Service => CloudService.Dds;

    protected override Task<HttpResponseMessage> SendGetJobAsync(CloudProject project, string jobId, CancellationToken cancellationToken) =>
        api.GetJobAsync(project, project.ProjectId, jobId, cancellationToken);

    public override async Task<JobListResult> ListJobsAsync(CloudProject project, JobListQuery query, CancellationToken cancellationToken)
    {
        var from = query.ToUtc - query.FromUtc > MaxSpan ? query.ToUtc - MaxSpan : query.FromUtc;
        var limit = Math.Clamp(query.Limit, 1, 100);
        var status = query.Status is { } s and not JobState.Unknown ? s.ToString() : null;
        var call = api.ListJobsAsync(project, project.ProjectId, query.Offset, limit, Timestamp(from), Timestamp(query.ToUtc), status, cancellationToken);
        var (body, error) = await ReadAnswerAsync(call, cancellationToken).ConfigureAwait(false);
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

    private static string Timestamp(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
