using System.Text.RegularExpressions;

namespace TaskWatch.Tests.Architecture;

/// <summary>
/// Finds where a source file reaches another <c>src/</c> folder: <c>using TaskWatch.X</c>,
/// <c>@using TaskWatch.X</c>, and fully qualified <c>TaskWatch.X.</c> names (as in <c>@inject</c>).
/// The folder a file lives in is its layer; namespaces follow folders in this codebase.
/// </summary>
public static partial class ImportScanner
{
    [GeneratedRegex(@"\bTaskWatch\.([A-Z][A-Za-z0-9]*)")]
    private static partial Regex Reference();

    // Names inside string literals (a cookie name, an HTTP option key) are data, not imports.
    [GeneratedRegex(@"""[^""]*""")]
    private static partial Regex StringLiteral();

    public static IReadOnlyList<LayerImport> Scan(string relativePath, string text)
    {
        var from = LayerOf(relativePath);
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

            foreach (Match match in Reference().Matches(StringLiteral().Replace(line, "\"\"")))
            {
                var to = match.Groups[1].Value;
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
