using System.Text.Json.Serialization;

namespace TaskWatch.Cloud.Wire;

public sealed class VolumeWire
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("original_size")] public string? OriginalSize { get; set; }
    [JsonPropertyName("target_size")] public string? TargetSize { get; set; }
}
