using System.Text.Json.Serialization;

namespace TaskWatch.Cloud.Wire;

public sealed class DatastoreWire
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("version")] public string? Version { get; set; }
}
