namespace TaskWatch.Tests.Architecture;

/// <summary>Compares imports with an allowed-dependency table, and finds a cycle in a table.</summary>
public static class LayerChecker
{
    public static IReadOnlyList<LayerImport> Forbidden(
        IEnumerable<LayerImport> imports, IReadOnlyDictionary<string, string[]> allowed) =>
        [.. imports.Where(i => !Permits(allowed, i.From, i.To))];

    /// <summary>One cycle as the folders along it (first repeated at the end), or null when there is none.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, string[]> graph)
    {
        var done = new HashSet<string>();
        var path = new List<string>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
        {
            var cycle = Visit(start, graph, done, path);
            if (cycle is not null)
            {
                return cycle;
            }
        }

        return null;
    }

    private static List<string>? Visit(string node, IReadOnlyDictionary<string, string[]> graph, HashSet<string> done, List<string> path)
    {
        var at = path.IndexOf(node);
        if (at >= 0)
        {
            return [.. path[at..], node];
        }

        if (!done.Add(node))
        {
            return null;
        }

        path.Add(node);
        foreach (var next in graph.GetValueOrDefault(node, []))
        {
            var cycle = Visit(next, graph, done, path);
            if (cycle is not null)
            {
                return cycle;
            }
        }

        path.RemoveAt(path.Count - 1);
        return null;
    }

    private static bool Permits(IReadOnlyDictionary<string, string[]> allowed, string from, string to) =>
        from == to || (allowed.TryGetValue(from, out var targets) && targets.Contains(to));
}
