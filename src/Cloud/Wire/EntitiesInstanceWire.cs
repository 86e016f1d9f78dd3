using System.Text.Json.Serialization;

namespace TaskWatch.Cloud.Wire;

public sealed class EntitiesInstanceWire
{
    [JsonPropertyName("endpoint")] public string? Endpoint { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("datastore")] public DatastoreWire? Datastore { get; set; }
    [JsonPropertyName("replica_of")] public string? ReplicaOf { get; set; }
}
