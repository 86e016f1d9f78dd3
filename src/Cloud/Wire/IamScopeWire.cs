using System.Text.Json.Serialization;

namespace TaskWatch.Cloud.Wire;

public sealed record IamScopeWire([property: JsonPropertyName("project")] IamNameWire Project);
