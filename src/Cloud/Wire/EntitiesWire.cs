using System.Text.Json.Serialization;

namespace TaskWatch.Cloud.Wire;

public sealed class EntitiesWire
{
    [JsonPropertyName("instance")] public EntitiesInstanceWire? Instance { get; set; }
    [JsonPropertyName("resource_ids")] public List<string>? ResourceIds { get; set; }
    [JsonPropertyName("volume")] public VolumeWire? Volume { get; set; }
    [JsonPropertyName("public_ip")] public string? PublicIp { get; set; }
    [JsonPropertyName("switch_strategy")] public string? SwitchStrategy { get; set; }
}
