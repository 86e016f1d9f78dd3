using System.Text.Json.Serialization;

namespace TaskWatch.Cloud.Wire;

/// <summary><c>{"error_code": "DBS.xxxxxx", "error_msg": "..."}</c>.</summary>
public sealed class CloudErrorWire
{
    [JsonPropertyName("error_code")] public string? ErrorCode { get; set; }
    [JsonPropertyName("error_msg")] public string? ErrorMsg { get; set; }
}
