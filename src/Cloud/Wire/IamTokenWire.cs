using System.Text.Json.Serialization;

namespace TaskWatch.Cloud.Wire;

/// <summary>The part of the IAM token answer TaskWatch reads: <c>{"token": {"expires_at": ...}}</c>.</summary>
public sealed class IamTokenWire
{
    [JsonPropertyName("token")] public IamTokenBodyWire? Token { get; set; }
}
