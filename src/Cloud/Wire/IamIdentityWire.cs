using System.Text.Json.Serialization;

namespace TaskWatch.Cloud.Wire;

public sealed record IamIdentityWire(
    [property: JsonPropertyName("methods")] string[] Methods,
    [property: JsonPropertyName("password")] IamPasswordWire Password);
