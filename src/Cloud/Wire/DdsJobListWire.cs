using System.Text.Json.Serialization;

namespace TaskWatch.Cloud.Wire;

/// <summary>DDS <c>GET /v3.1/{project_id}/jobs</c>.</summary>
public sealed class DdsJobListWire
{
    [JsonPropertyName("total_count")] public int? TotalCount { get; set; }
    [JsonPropertyName("jobs")] public List<JobWire>? Jobs { get; set; }
}
