using System.Text.RegularExpressions;

namespace TaskWatch.Tests.Architecture;

/// <summary>
/// Finds where a source file reaches another <c>src/</c> folder: <c>using TaskWatch.X</c>,
/// <c>@using TaskWatch.X</c>, fully qualified <c>TaskWatch.X.</c> names (as in <c>@inject</c>), and in C#
/// the names a file inside <c>namespace TaskWatch.Y</c> may write relative to it (<c>Security.ApiKeyHash</c>).
/// The folder a file lives in is its layer; namespaces follow folders in this codebase.
/// </summary>
public static partial class ImportScanner
{
    [GeneratedRegex(@"\bTaskWatch\.([A-Z][A-Za-z0-9]*)")]
    private static partial Regex Reference();

    // Not after a dot or a word character: options.Api.RequestsPerMinute is a member, not the Api folder. Razor is left
    // out: there a page's injected service (@inject LiveJobStore Live) is written Live.Find(...).
    [GeneratedRegex(@"(?<![\w.])([A-Z][A-Za-z0-9]*)\.[A-Z]")]
    private static partial Regex RelativeReference();

    // The folder names a relative name can start with (every folder has a row: EveryFolderUnderSrc_HasARowInTheTable).
    private static readonly HashSet<string> Layers = [.. LayerTable.Allowed.Keys];

    // Names inside string literals (a cookie name, an HTTP option key) are data, not imports.
    [GeneratedRegex(@"""[^""]*""")]
    private static partial Regex StringLiteral();

    public static IReadOnlyList<LayerImport> Scan(string relativePath, string text)
    {
        var from = LayerOf(relativePath);
        var csharp = relativePath.EndsWith(".cs", StringComparison.Ordinal);
        var found = new List<LayerImport>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimStart();
            // A file's own namespace line and comments name no dependency.
            if (line.StartsWith("namespace ", StringComparison.Ordinal) || line.StartsWith("//", StringComparison.Ordinal)
                || line.StartsWith("@*", StringComparison.Ordinal))
            {
                continue;
            }

            var code = StringLiteral().Replace(line, "\"\"");
            var targets = Reference().Matches(code).Select(m => m.Groups[1].Value);
            if (csharp && !line.StartsWith("using ", StringComparison.Ordinal))
            {
                targets = targets.Concat(RelativeReference().Matches(Reference().Replace(code, "")).Select(m => m.Groups[1].Value)
                    .Where(Layers.Contains));
            }

            foreach (var to in targets.Distinct(StringComparer.Ordinal))
            {
                if (to != from && to != "Tests")
                {
                    found.Add(new LayerImport(relativePath, i + 1, from, to));
                }
            }
        }

        return found;
    }

    public static IReadOnlyList<LayerImport> ScanFolder(string srcFolder)
    {
        var files = Directory.EnumerateFiles(srcFolder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        return [.. files.SelectMany(f => Scan(Path.GetRelativePath(srcFolder, f).Replace('\\', '/'), File.ReadAllText(f)))];
    }

    /// <summary>The first folder of a path relative to <c>src/</c>.</summary>
    public static string LayerOf(string relativePath) => relativePath.Split('/')[0];
}
