using System.Text.Json.Serialization;

namespace TaskWatch.Cloud.Wire;

/// <summary>Names a domain or a project; a project scope names it by id or by name, not both.</summary>
public sealed record IamNameWire(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("id")] string? Id = null);
