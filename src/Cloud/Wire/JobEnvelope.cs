using System.Text.Json;
using System.Text.Json.Serialization;

namespace TaskWatch.Cloud.Wire;

/// <summary><c>{"job": {...}}</c>, the single-job answer of both dialects.</summary>
public sealed class JobEnvelope
{
    [JsonPropertyName("job")]
    public JsonElement? Job { get; set; }
}
