using System.Text.Json.Serialization;

namespace TaskWatch.Cloud.Wire;

public sealed class IamTokenBodyWire
{
    [JsonPropertyName("expires_at")] public string? ExpiresAt { get; set; }
    [JsonPropertyName("issued_at")] public string? IssuedAt { get; set; }
}
