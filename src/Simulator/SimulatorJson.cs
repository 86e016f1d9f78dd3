using System.Globalization;
using System.Text.Json;
using TaskWatch.Core;

namespace TaskWatch.Simulator;

/// <summary>What every dialect's bodies share: times, the common error body, IAM's answer, writing helpers.</summary>
public static class SimulatorJson
{
    /// <summary><c>2026-12-04T18:50:17+0000</c>: the documented <c>yyyy-mm-ddThh:mm:ssZ</c>, an offset without a colon.</summary>
    public static string Time(DateTime utc) => Time(utc, TimeSpan.Zero);

    /// <summary>The same instant in another offset (<c>+0800</c>, <c>+0100</c>), as several documents' examples show.</summary>
    public static string Time(DateTime utc, TimeSpan offset)
    {
        var local = DateTime.SpecifyKind(utc, DateTimeKind.Unspecified) + offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        return local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + sign + offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);
    }

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

    /// <summary>The status word the job shows now: the hostile override while running, else the state.</summary>
    internal static string StatusWord(SimulatedJob job, JobState state) => state == JobState.Running && job.StatusOverride is { } word ? word : state.ToString();

    /// <summary>"60%" while running, "" otherwise: the shape most services document.</summary>
    internal static string Percent(SimulatedJob job, JobState state, DateTime now) => state == JobState.Running ? $"{job.ProgressAt(now)}%" : string.Empty;

    internal static void WriteInstance(Utf8JsonWriter w, SimulatedJob job)
    {
        w.WriteStartObject("instance");
        w.WriteString("id", job.InstanceId);
        w.WriteString("name", job.InstanceName);
        w.WriteEndObject();
    }

    internal static void WriteNullable(Utf8JsonWriter w, string name, string? value)
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

    internal static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            write(writer);
        }

        return stream.ToArray();
    }
}
