using System.Text.Json;

namespace TaskWatch.Components.Model;

/// <summary>
/// Turns the stored RDS <c>entities</c> JSON into labelled lines. Every part is optional and the
/// cloud's JSON is untrusted: anything unexpected is skipped, never thrown.
/// </summary>
public static class EntityFacts
{
    public static IReadOnlyList<EntityFact> From(string? entitiesJson)
    {
        var facts = new List<EntityFact>();
        if (string.IsNullOrWhiteSpace(entitiesJson))
        {
            return facts;
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(entitiesJson);
        }
        catch (JsonException)
        {
            return facts;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return facts;
            }

            if (Object(root, "instance") is { } instance)
            {
                Add(facts, "Endpoint", Text(instance, "endpoint"));
                Add(facts, "Instance type", Text(instance, "type"));
                if (Object(instance, "datastore") is { } datastore)
                {
                    Add(facts, "Engine", Join(Text(datastore, "type"), Text(datastore, "version")));
                }

                Add(facts, "Replica of", Text(instance, "replica_of"));
            }

            if (Object(root, "volume") is { } volume)
            {
                var from = Size(Text(volume, "original_size"));
                var to = Size(Text(volume, "target_size"));
                Add(facts, "Volume", from is null && to is null ? null : $"{from ?? "?"} → {to ?? "?"}");
                Add(facts, "Volume type", Text(volume, "type"));
            }

            Add(facts, "Public IP", Text(root, "public_ip"));
            if (root.TryGetProperty("resource_ids", out var ids) && ids.ValueKind == JsonValueKind.Array)
            {
                Add(facts, "Resource ids", string.Join(", ", ids.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString())));
            }

            Add(facts, "Switch strategy", Text(root, "switch_strategy"));
        }

        return facts;
    }

    private static JsonElement? Object(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;

    // Sizes and versions arrive as strings or numbers depending on the API version.
    private static string? Text(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : v.ValueKind == JsonValueKind.Number ? v.GetRawText()
        : null;

    private static string? Join(string? a, string? b) => a is null && b is null ? null : string.Join(" ", new[] { a, b }.Where(s => !string.IsNullOrWhiteSpace(s)));

    private static string? Size(string? gb) => string.IsNullOrWhiteSpace(gb) ? null : gb.Trim() + " GB";

    private static void Add(List<EntityFact> facts, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            facts.Add(new EntityFact(label, value.Trim()));
        }
    }
}
