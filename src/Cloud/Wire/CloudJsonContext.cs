using System.Text.Json.Serialization;

namespace TaskWatch.Cloud.Wire;

/// <summary>Source-generated (de)serialisation for every body TaskWatch reads from or sends to a cloud.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JobEnvelope))]
[JsonSerializable(typeof(JobWire))]
[JsonSerializable(typeof(EntitiesWire))]
[JsonSerializable(typeof(IamTokenWire))]
[JsonSerializable(typeof(IamTokenRequestWire))]
public sealed partial class CloudJsonContext : JsonSerializerContext;
