using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using TaskWatch.Core;

namespace TaskWatch.Storage;

/// <summary>
/// The history page's search as it lives in the URL (shared by the page and the CSV export).
/// Times in the URL are UTC (ISO 8601); the page converts them to and from the viewer's zone.
/// </summary>
public sealed record HistoryQuery
{
    public const int PageSize = 50;

    public DateTime? FromUtc { get; init; }

    public DateTime? ToUtc { get; init; }

    public JobState? Status { get; init; }

    public CloudService? Service { get; init; }

    public string? Project { get; init; }

    public string? JobName { get; init; }

    public string? Instance { get; init; }

    /// <summary>One instance's jobs exactly (<c>instanceId=</c>), as the instance's page links to it; not a text search.</summary>
    public string? InstanceId { get; init; }

    /// <summary>Job id, instance id or any name.</summary>
    public string? Text { get; init; }

    /// <summary>Zero-based.</summary>
    public int Page { get; init; }

    public int Offset => Page * PageSize;

    public JobSearch ToSearch() => new()
    {
        CreatedFromUtc = FromUtc,
        CreatedToUtc = ToUtc,
        State = Status,
        Service = Service,
        Project = Project,
        JobName = JobName,
        InstanceName = Instance,
        InstanceId = InstanceId,
        Text = Text,
    };

    public static HistoryQuery FromQuery(string? query)
    {
        var q = QueryHelpers.ParseQuery(query);
        string? Get(string key) => q.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        return new HistoryQuery
        {
            FromUtc = Time(Get("from")),
            ToUtc = Time(Get("to")),
            Status = Enum.TryParse<JobState>(Get("status"), true, out var st) && Enum.IsDefined(st) ? st : null,
            Service = Enum.TryParse<CloudService>(Get("service"), true, out var s) && Enum.IsDefined(s) ? s : null,
            Project = Get("project"),
            JobName = Get("name"),
            Instance = Get("instance"),
            InstanceId = Get("instanceId"),
            Text = Get("q"),
            Page = int.TryParse(Get("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 1 ? p - 1 : 0,
        };
    }

    /// <summary>The query string (with a leading '?', or empty) for the page or the export, page included when not the first.</summary>
    public string ToQueryString(bool includePage = true)
    {
        var values = new List<KeyValuePair<string, string?>>();
        void Put(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                values.Add(new(key, value));
            }
        }

        Put("from", FromUtc?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        Put("to", ToUtc?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        Put("status", Status?.ToString());
        Put("service", Service?.ToString());
        Put("project", Project);
        Put("name", JobName);
        Put("instance", Instance);
        Put("instanceId", InstanceId);
        Put("q", Text);
        if (includePage && Page > 0)
        {
            Put("page", (Page + 1).ToString(CultureInfo.InvariantCulture));
        }

        return QueryHelpers.AddQueryString(string.Empty, values);
    }

    private static DateTime? Time(string? text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
}
