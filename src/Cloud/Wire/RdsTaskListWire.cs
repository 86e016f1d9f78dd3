using System.Text.Json.Serialization;

namespace TaskWatch.Cloud.Wire;

/// <summary>RDS <c>GET /v3/{project_id}/tasklist</c>.</summary>
public sealed class RdsTaskListWire
{
    [JsonPropertyName("total_count")] public int? TotalCount { get; set; }
    [JsonPropertyName("actions")] public List<string>? Actions { get; set; }
    [JsonPropertyName("tasks")] public List<JobWire>? Tasks { get; set; }
}
