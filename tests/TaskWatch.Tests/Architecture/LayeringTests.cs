using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Architecture;

/// <summary>The import graph of <c>src/</c> follows <see cref="LayerTable"/> and has no cycle.</summary>
public sealed class LayeringTests
{
    [Fact]
    public void EveryImportUnderSrc_FollowsTheLayerTable()
    {
        var imports = ImportScanner.ScanFolder(RepoFolder.PathOf("src"));

        var forbidden = LayerChecker.Forbidden(imports, LayerTable.Allowed);

        Assert.True(forbidden.Count == 0, "Forbidden imports (file:line: arrow):\n" + string.Join('\n', forbidden));
    }

    [Fact]
    public void EveryFolderUnderSrc_HasARowInTheTable()
    {
        var folders = Directory.GetDirectories(RepoFolder.PathOf("src")).Select(Path.GetFileName).ToList();

        Assert.All(folders, f => Assert.True(LayerTable.Allowed.ContainsKey(f!), $"src/{f} has no row in LayerTable.Allowed"));
    }

    [Fact]
    public void LayerTable_HasNoCycle()
    {
        Assert.Null(LayerChecker.FindCycle(LayerTable.Allowed));
    }

    [Fact]
    public void Checker_NamesFileLineAndArrow_OfAForbiddenImport()
    {
        var table = new Dictionary<string, string[]> { ["Core"] = [], ["Live"] = ["Core"] };
        var imports = ImportScanner.Scan("Core/JobKey.cs", "using System;\nusing TaskWatch.Live;\n\nnamespace TaskWatch.Core;\n")
            .Concat(ImportScanner.Scan("Live/JobView.cs", "using TaskWatch.Core;\nnamespace TaskWatch.Live;\n"))
            .ToList();

        var forbidden = LayerChecker.Forbidden(imports, table);

        Assert.Equal(["Core/JobKey.cs:2: Core -> Live"], forbidden.Select(f => f.ToString()));
    }

    [Fact]
    public void Scanner_SeesRazorUsingsAndFullyQualifiedNames_NotCommentsOrStrings()
    {
        var imports = ImportScanner.Scan(
            "Components/Pages/Wall.razor",
            "@using TaskWatch.Live\n@inject TaskWatch.Tracking.JobRegistrar Registrar\n@* TaskWatch.Api is named here only *@\n// TaskWatch.Api\n@code { const string Cookie = \"TaskWatch.Auth\"; }\n");

        Assert.Equal(["Components -> Live", "Components -> Tracking"], imports.Select(i => i.Arrow));
    }

    [Fact]
    public void Scanner_SeesANamespaceRelativeName_InCSharp_NotAMemberOfTheSameName()
    {
        var imports = ImportScanner.Scan(
            "Configuration/Checks.cs",
            "namespace TaskWatch.Configuration;\nclass C { bool Ok(string h) => Security.ApiKeyHash.Parse(h) is not null && options.Api.RequestsPerMinute > 0; }\n");

        Assert.Equal(["Configuration -> Security"], imports.Select(i => i.Arrow));
    }

    [Fact]
    public void CycleFinder_FindsATwoFolderCycle()
    {
        var table = new Dictionary<string, string[]> { ["Api"] = ["Components"], ["Components"] = ["Api"], ["Core"] = [] };

        var cycle = LayerChecker.FindCycle(table);

        Assert.NotNull(cycle);
        Assert.Contains("Api", cycle);
        Assert.Contains("Components", cycle);
    }
}
