using System.Text.Json.Serialization;

namespace TaskWatch.Cloud.Wire;

public sealed class InstanceWire
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
}
