using System.Text.Json.Serialization;

namespace TaskWatch.Cloud.Wire;

public sealed record IamPasswordWire([property: JsonPropertyName("user")] IamUserWire User);
