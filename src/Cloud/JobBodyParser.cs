using System.Text;
using System.Text.Json;
using TaskWatch.Cloud.Wire;
using TaskWatch.Core;

namespace TaskWatch.Cloud;

/// <summary>
/// Turns a job body into a <see cref="CloudJob"/>, reading the names the dialect's <see cref="JobFields"/>
/// give, or says precisely why it is malformed. A body is read whole or not at all: nothing is
/// half-read from a broken one.
/// </summary>
public static class JobBodyParser
{
    public static JobParseResult ParseEnvelope(ReadOnlySpan<byte> body, JobFields fields)
    {
        // The common case reads the body once to find the job object and the job once into its wire
        // type, keeping the job's bytes as its raw text. Read as an envelope with a JsonElement, the
        // job was copied into a document of its own, read from there, and turned into text again.
        // Anything unusual (invalid JSON, no job object, a job that does not fit its type) takes the
        // general path below, which says precisely what is wrong.
        if (FindJobObject(body) is { } at && ReadWire(body.Slice(at.Start, at.Length)) is { } fast)
        {
            return FromWire(fast, Encoding.UTF8.GetString(body.Slice(at.Start, at.Length)), fields);
        }

        JobEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(body, CloudJsonContext.Default.JobEnvelope);
        }
        catch (JsonException ex)
        {
            return JobParseResult.Malformed(DescribeJsonError(ex, body.Length));
        }

        if (envelope?.Job is not { ValueKind: JsonValueKind.Object } job)
        {
            return JobParseResult.Malformed("the body has no 'job' object.");
        }

        return ParseJob(job, fields);
    }

    /// <summary>Where the one <c>job</c> object of a well-formed envelope lies; null for anything else.</summary>
    private static (int Start, int Length)? FindJobObject(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            (int, int)? job = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isJob = reader.ValueTextEquals("job"u8);
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                var isObject = reader.TokenType == JsonTokenType.StartObject;
                reader.Skip();
                if (isJob)
                {
                    if (job is not null || !isObject)
                    {
                        return null;
                    }

                    job = (start, (int)reader.BytesConsumed - start);
                }
            }

            // The envelope closed; nothing may follow it (Read throws on anything but white space).
            return reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0 && !reader.Read() ? job : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JobWire? ReadWire(ReadOnlySpan<byte> job)
    {
        try
        {
            return JsonSerializer.Deserialize(job, CloudJsonContext.Default.JobWire);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static JobParseResult ParseJob(JsonElement job, JobFields fields)
    {
        JobWire? wire;
        try
        {
            wire = job.Deserialize(CloudJsonContext.Default.JobWire);
        }
        catch (JsonException ex)
        {
            return JobParseResult.Malformed(DescribeJsonError(ex, null));
        }

        return wire is null ? JobParseResult.Malformed("the job is null.") : FromWire(wire, job.GetRawText(), fields);
    }

    internal static JobParseResult FromWire(JobWire wire, string rawJson, JobFields fields)
    {
        var id = fields.Id(wire);
        if (string.IsNullOrWhiteSpace(id))
        {
            return JobParseResult.Malformed($"job.{fields.IdName} is missing or empty." + NearMiss(wire, fields.IdName));
        }

        if (wire.Status is null)
        {
            return JobParseResult.Malformed("job.status is missing." + NearMiss(wire, "status"));
        }

        var warnings = new List<string>();
        var created = ReadTime(fields.Created(wire), "created", warnings);
        var ended = ReadTime(fields.Ended(wire), "ended", warnings);
        var progressText = fields.Progress(wire);
        RdsEntities? entities;
        try
        {
            entities = ReadEntities(wire.Entities);
        }
        catch (JsonException ex)
        {
            return JobParseResult.Malformed("job.entities: " + DescribeJsonError(ex, null));
        }

        var job = new CloudJob
        {
            Id = id.Trim(),
            Name = (fields.Name(wire) ?? string.Empty).Trim(),
            Status = JobStatus.Parse(wire.Status.Trim()),
            Progress = ProgressParser.Parse(progressText),
            ProgressText = progressText,
            Created = created,
            Ended = ended,
            InstanceId = fields.InstanceId(wire)?.Trim(),
            InstanceName = fields.InstanceName(wire)?.Trim(),
            FailReason = string.IsNullOrEmpty(wire.FailReason) ? null : wire.FailReason,
            Entities = entities,
            RawJson = rawJson,
            Warnings = warnings,
        };
        return JobParseResult.Ok(job);
    }

    private static CloudTimestamp? ReadTime(string? text, string field, List<string> warnings)
    {
        var time = CloudTimestamp.Parse(text);
        if (time is { IsParsed: false } t)
        {
            warnings.Add($"job.{field} '{t.Text}' is not a time TaskWatch can read; kept as text.");
        }

        return time;
    }

    private static RdsEntities? ReadEntities(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.Object } e)
        {
            return null;
        }

        var w = e.Deserialize(CloudJsonContext.Default.EntitiesWire) ?? new EntitiesWire();
        return new RdsEntities
        {
            InstanceEndpoint = w.Instance?.Endpoint,
            InstanceType = w.Instance?.Type,
            DatastoreType = w.Instance?.Datastore?.Type,
            DatastoreVersion = w.Instance?.Datastore?.Version,
            ReplicaOf = w.Instance?.ReplicaOf,
            ResourceIds = w.ResourceIds ?? [],
            VolumeType = w.Volume?.Type,
            VolumeOriginalSize = w.Volume?.OriginalSize,
            VolumeTargetSize = w.Volume?.TargetSize,
            PublicIp = w.PublicIp,
            SwitchStrategy = w.SwitchStrategy,
            RawJson = e.GetRawText(),
        };
    }

    // The RDS document's own example carries " status": name the near miss so the user sees why.
    private static string NearMiss(JobWire wire, string field)
    {
        var key = wire.Extra?.Keys.FirstOrDefault(k => !k.Equals(field, StringComparison.Ordinal) && k.Trim().Equals(field, StringComparison.OrdinalIgnoreCase));
        return key is null ? string.Empty : $" The body has a key '{key}' instead.";
    }

    private static string DescribeJsonError(JsonException ex, int? length)
    {
        var where = ex.Path is { Length: > 0 } p ? $" at {p}" : string.Empty;
        var size = length is { } n ? $" ({n} bytes)" : string.Empty;
        var line = ex.LineNumber is { } l ? $", line {l + 1}" : string.Empty;
        var kind = ex.Message.Contains("end of data", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("incomplete", StringComparison.OrdinalIgnoreCase)
            ? "truncated JSON"
            : "invalid JSON";
        return $"{kind}{size}{where}{line}.";
    }
}
