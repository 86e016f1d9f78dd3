using TaskWatch.Live;
using TaskWatch.Storage;

namespace TaskWatch.Insight;

/// <summary>Reads an instance's report for the page and the API: its stored jobs with the live ones laid over them.</summary>
public sealed class InstanceReader(JobQueries queries, LiveJobStore live)
{
    public const int PageSize = 200;

    /// <summary>Null when TaskWatch has seen no job on that instance of that project.</summary>
    public async Task<InstanceReport?> ReadAsync(string project, string instanceId, CancellationToken cancellationToken)
    {
        var stored = await queries.InstanceAsync(project, instanceId, PageSize, cancellationToken).ConfigureAwait(false);
        var report = InstanceReport.Build(project, instanceId, stored.Total, stored.Jobs, stored.Finished, live.Snapshot());
        return report.Total == 0 ? null : report;
    }
}
