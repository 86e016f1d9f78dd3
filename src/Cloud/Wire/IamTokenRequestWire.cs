using System.Text.Json.Serialization;

namespace TaskWatch.Cloud.Wire;

/// <summary>The body of IAM's password token request.</summary>
public sealed record IamTokenRequestWire([property: JsonPropertyName("auth")] IamAuthWire Auth);
