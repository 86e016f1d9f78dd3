using System.Text.Json;
using System.Text.Json.Serialization;

namespace TaskWatch.Cloud.Wire;

/// <summary>
/// The job object of both dialects (RDS <c>process</c>/<c>entities</c>, DDS <c>progress</c>) and of
/// the list APIs (<c>create_time</c>, <c>created_at</c>, ...), as the wire has it.
/// </summary>
public sealed class JobWire
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("created")] public string? Created { get; set; }
    [JsonPropertyName("ended")] public string? Ended { get; set; }
    [JsonPropertyName("process")] public string? Process { get; set; }
    [JsonPropertyName("progress")] public string? Progress { get; set; }
    [JsonPropertyName("instance")] public InstanceWire? Instance { get; set; }
    [JsonPropertyName("entities")] public JsonElement? Entities { get; set; }
    [JsonPropertyName("fail_reason")] public string? FailReason { get; set; }

    // The list APIs name the same facts differently.
    [JsonPropertyName("instance_id")] public string? InstanceId { get; set; }
    [JsonPropertyName("instance_name")] public string? InstanceName { get; set; }
    [JsonPropertyName("create_time")] public string? CreateTime { get; set; }
    [JsonPropertyName("end_time")] public string? EndTime { get; set; }
    [JsonPropertyName("created_at")] public string? CreatedAt { get; set; }
    [JsonPropertyName("ended_at")] public string? EndedAt { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
