using System.Globalization;
using System.Text.Json;
using TaskWatch.Core;

namespace TaskWatch.Simulator;

/// <summary>Writes jobs in each dialect exactly as the documents show them, quirks included.</summary>
public static class SimulatorJson
{
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+0000";

    public static byte[] JobEnvelope(SimulatedJob job, CloudService service, DateTime now) => Write(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("job");
        if (service == CloudService.Rds)
        {
            WriteRdsJob(w, job, now);
        }
        else
        {
            WriteDdsJob(w, job, now);
        }

        w.WriteEndObject();
    });

    public static byte[] RdsTaskList(IReadOnlyList<SimulatedJob> page, int total, DateTime now) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("total_count", total);
        w.WriteStartArray("actions");
        foreach (var name in page.Select(j => j.Kind.Name.Trim()).Distinct())
        {
            w.WriteStringValue(name);
        }

        w.WriteEndArray();
        w.WriteStartArray("tasks");
        foreach (var job in page)
        {
            var state = job.StateAt(now);
            w.WriteStartObject();
            w.WriteString("id", job.Id);
            w.WriteString("name", job.Kind.Name);
            w.WriteString("instance_id", job.InstanceId);
            w.WriteString("instance_name", job.InstanceName);
            w.WriteString("instance_status", state switch { JobState.Running => "MODIFYING", JobState.Failed => "FAILED", _ => "ACTIVE" });
            w.WriteString("order_id", string.Empty);
            w.WriteString("process", state == JobState.Running ? job.ProgressAt(now).ToString(CultureInfo.InvariantCulture) : string.Empty);
            if (state == JobState.Failed)
            {
                w.WriteString("fail_reason", job.FailReason);
            }

            w.WriteString("create_time", Time(job.CreatedUtc));
            // A finished job's row carries its true end (a failed one ends part-way through its planned life).
            w.WriteString("end_time", Time(job.EndedAt(now) ?? job.CreatedUtc + job.Duration));
            w.WriteString("status", StatusWord(job, state));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static byte[] DdsJobList(IReadOnlyList<SimulatedJob> page, int total, DateTime now) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("jobs");
        foreach (var job in page)
        {
            var state = job.StateAt(now);
            w.WriteStartObject();
            w.WriteString("id", job.Id);
            w.WriteString("name", job.Kind.Name);
            w.WriteString("instance_id", job.InstanceId);
            w.WriteString("instance_name", job.InstanceName);
            w.WriteString("status", StatusWord(job, state));
            w.WriteString("progress", state == JobState.Running ? $"{job.ProgressAt(now)}%" : string.Empty);
            WriteNullable(w, "fail_reason", state == JobState.Failed ? job.FailReason : null);
            w.WriteString("created_at", Time(job.CreatedUtc));
            w.WriteString("ended_at", Time(job.EndedAt(now) ?? job.CreatedUtc.AddSeconds(10)));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("total_count", total);
        w.WriteEndObject();
    });

    public static byte[] Error(string code, string message) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("error_code", code);
        w.WriteString("error_msg", message);
        w.WriteEndObject();
    });

    public static byte[] IamToken(DateTime expiresUtc, DateTime issuedUtc) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("token");
        w.WriteString("expires_at", expiresUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        w.WriteString("issued_at", issuedUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        w.WriteStartArray("methods");
        w.WriteStringValue("password");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static void WriteRdsJob(Utf8JsonWriter w, SimulatedJob job, DateTime now)
    {
        var state = job.StateAt(now);
        w.WriteStartObject();
        w.WriteString("id", job.Id);
        w.WriteString("name", job.Kind.Name);
        w.WriteString("status", StatusWord(job, state));
        w.WriteString("created", Time(job.CreatedUtc));
        if (job.EndedAt(now) is { } ended)
        {
            w.WriteString("ended", Time(ended)); // RDS leaves "ended" out while running
        }

        // The documented "60" and the example's "60% ": the simulator sends both shapes.
        var progress = job.ProgressAt(now);
        w.WriteString("process", state != JobState.Running ? string.Empty : progress % 2 == 0 ? $"{progress}% " : progress.ToString(CultureInfo.InvariantCulture));
        w.WriteStartObject("instance");
        w.WriteString("id", job.InstanceId);
        w.WriteString("name", job.InstanceName);
        w.WriteEndObject();
        w.WritePropertyName("entities");
        WriteEntities(w, job);
        if (state == JobState.Failed)
        {
            w.WriteString("fail_reason", job.FailReason); // absent unless failed, as in the examples
        }

        w.WriteEndObject();
    }

    private static void WriteDdsJob(Utf8JsonWriter w, SimulatedJob job, DateTime now)
    {
        var state = job.StateAt(now);
        w.WriteStartObject();
        w.WriteString("id", job.Id);
        w.WriteString("name", job.Kind.Name);
        w.WriteString("status", StatusWord(job, state));
        w.WriteString("created", Time(job.CreatedUtc));
        // DDS sends "ended" even while running (ten seconds after creation in the example).
        w.WriteString("ended", Time(job.EndedAt(now) ?? job.CreatedUtc.AddSeconds(10)));
        w.WriteString("progress", state == JobState.Running ? $"{job.ProgressAt(now)}%" : string.Empty);
        w.WriteStartObject("instance");
        w.WriteString("id", job.InstanceId);
        w.WriteString("name", job.InstanceName);
        w.WriteEndObject();
        WriteNullable(w, "fail_reason", state == JobState.Failed ? job.FailReason : null);
        w.WriteEndObject();
    }

    private static void WriteEntities(Utf8JsonWriter w, SimulatedJob job)
    {
        w.WriteStartObject();
        switch (job.Kind.Entities)
        {
            case "instance" or "replica":
                w.WriteStartObject("instance");
                w.WriteString("endpoint", "192.168.1.203:3306");
                w.WriteString("type", job.Kind.Entities == "replica" ? "replica" : "Single");
                w.WriteStartObject("datastore");
                w.WriteString("type", "mysql");
                w.WriteString("version", "8.0");
                w.WriteEndObject();
                if (job.Kind.Entities == "replica")
                {
                    w.WriteString("replica_of", "a48e43ff268f4c0e879652d65e63d0fbin01");
                }

                w.WriteEndObject();
                w.WriteStartArray("resource_ids");
                w.WriteStringValue(job.InstanceId + ".vm");
                w.WriteStringValue(job.InstanceId + ".volume");
                w.WriteEndArray();
                break;
            case "eip":
                w.WriteString("public_ip", "10.10.10.1");
                break;
            case "volume":
                w.WriteStartObject("volume");
                w.WriteString("type", "ULTRAHIGH");
                w.WriteString("original_size", "100");
                w.WriteString("target_size", "200");
                w.WriteEndObject();
                break;
            case "switch":
                w.WriteString("switch_strategy", "reliability");
                break;
        }

        w.WriteEndObject();
    }

    private static string StatusWord(SimulatedJob job, JobState state) => state == JobState.Running && job.StatusOverride is { } word ? word : state.ToString();

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            write(writer);
        }

        return stream.ToArray();
    }
}
