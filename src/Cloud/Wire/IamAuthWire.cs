using System.Text.Json.Serialization;

namespace TaskWatch.Cloud.Wire;

public sealed record IamAuthWire(
    [property: JsonPropertyName("identity")] IamIdentityWire Identity,
    [property: JsonPropertyName("scope")] IamScopeWire Scope);
