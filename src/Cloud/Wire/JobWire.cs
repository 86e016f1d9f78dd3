using System.Text.Json;
using System.Text.Json.Serialization;

namespace TaskWatch.Cloud.Wire;

/// <summary>
/// A job object or list row of any dialect, every name any task center uses for a fact, as the wire
/// has it. Which names a service reads is its dialect's <see cref="TaskWatch.Cloud.JobFields"/>.
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
    [JsonPropertyName("created_time")] public string? CreatedTime { get; set; }
    [JsonPropertyName("ended_time")] public string? EndedTime { get; set; }
    [JsonPropertyName("start_time")] public string? StartTime { get; set; }
    [JsonPropertyName("job_id")] public string? JobId { get; set; }
    [JsonPropertyName("job_name")] public string? JobName { get; set; }
    [JsonPropertyName("instance_info")] public InstanceInfoWire? InstanceInfo { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
