using System.Text.Json;
using TaskWatch.Cloud.Wire;
using TaskWatch.Core;

namespace TaskWatch.Cloud;

/// <summary>Reads the rows of a list answer; an unreadable row is counted, never half-stored.</summary>
internal static class JobListReader
{
    public static JobListResult Read(List<JobWire> rows, int? totalCount, CloudService service)
    {
        var jobs = new List<CloudJob>(rows.Count);
        var unreadable = 0;
        foreach (var row in rows)
        {
            var raw = JsonSerializer.Serialize(row, CloudJsonContext.Default.JobWire);
            var parsed = JobBodyParser.FromWire(row, raw, service);
            if (parsed.Job is { } job && JobIdRules.Check(job.Id) is null)
            {
                jobs.Add(job);
            }
            else
            {
                unreadable++;
            }
        }

        return new JobListResult(jobs, totalCount ?? jobs.Count, unreadable, null);
    }
}
