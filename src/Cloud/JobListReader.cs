using System.Text.Json;
using TaskWatch.Cloud.Wire;
using TaskWatch.Core;

namespace TaskWatch.Cloud;

/// <summary>Reads a list answer in a dialect's <see cref="JobListShape"/>; an unreadable row is counted, never half-stored.</summary>
public static class JobListReader
{
    public static JobListResult Read(byte[] body, JobListShape shape)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return Malformed($"invalid JSON at {ex.Path}.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(shape.RowsName, out var rows) || rows.ValueKind != JsonValueKind.Array)
            {
                return Malformed($"the body has no '{shape.RowsName}' array.");
            }

            int? total = shape.TotalName is { } name && root.TryGetProperty(name, out var t) && t.TryGetInt32(out var n) ? n : null;
            var jobs = new List<CloudJob>(rows.GetArrayLength());
            var unreadable = 0;
            foreach (var row in rows.EnumerateArray())
            {
                if (ReadRow(row, shape.Fields) is { } job && JobIdRules.Check(job.Id) is null)
                {
                    jobs.Add(job);
                }
                else
                {
                    unreadable++;
                }
            }

            return new JobListResult(jobs, total ?? jobs.Count + unreadable, unreadable, null);
        }
    }

    private static CloudJob? ReadRow(JsonElement row, JobFields fields)
    {
        if (row.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        JobWire? wire;
        try
        {
            wire = row.Deserialize(CloudJsonContext.Default.JobWire);
        }
        catch (JsonException)
        {
            return null;
        }

        return wire is null ? null : JobBodyParser.FromWire(wire, row.GetRawText(), fields).Job;
    }

    private static JobListResult Malformed(string problem) => JobListResult.Failed(new CloudError(ReadOutcome.Malformed, 200, null, "list: " + problem));
}
