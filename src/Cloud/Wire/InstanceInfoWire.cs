using System.Text.Json.Serialization;

namespace TaskWatch.Cloud.Wire;

/// <summary>GaussDB's list rows name their instance in an object of its own: <c>instance_info</c>.</summary>
public sealed class InstanceInfoWire
{
    [JsonPropertyName("instance_id")] public string? InstanceId { get; set; }
    [JsonPropertyName("instance_name")] public string? InstanceName { get; set; }
    [JsonPropertyName("instance_status")] public string? InstanceStatus { get; set; }
}
