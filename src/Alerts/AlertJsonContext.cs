using System.Text.Json;
using System.Text.Json.Serialization;

namespace TaskWatch.Alerts;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<AlertDeliveryResponse>))]
public sealed partial class AlertJsonContext : JsonSerializerContext;
