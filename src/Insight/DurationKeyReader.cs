using System.Text.Json;
using TaskWatch.Core;

namespace TaskWatch.Insight;

/// <summary>Reads a job's duration key from its stored fields; the entities JSON is the cloud's (untrusted) text.</summary>
public static class DurationKeyReader
{
    public static DurationKey From(CloudService service, string? name, string? entitiesJson)
    {
        string? datastore = null, volume = null;
        if (!string.IsNullOrWhiteSpace(entitiesJson))
        {
            try
            {
                using var doc = JsonDocument.Parse(entitiesJson);
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    datastore = Text(root, "instance", "datastore", "type");
                    volume = Text(root, "volume", "target_size") ?? Text(root, "volume", "original_size");
                }
            }
            catch (JsonException)
            {
                // Unreadable entities: the general key still learns.
            }
        }

        return new DurationKey(service, name, datastore, volume);
    }

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var part in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
            {
                return null;
            }
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.GetRawText(),
            _ => null,
        };
    }
}
