namespace TaskWatch.Tests.Operations;

/// <summary>No Docker engine runs here: the image's defaults are read from the Dockerfile itself.</summary>
public sealed class ContainerDefaultsTests
{
    [Fact]
    public void Dockerfile_Defaults_DemoOffNonRootAndAHealthCheckThatNeedsNoCurl()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoRoot(), "Dockerfile"));
        var final = lines.SkipWhile(l => !l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet", StringComparison.Ordinal)).ToList();

        Assert.Contains(final, l => l.Trim().StartsWith("TaskWatch__Demo__Enabled=false", StringComparison.Ordinal));
        Assert.Contains(final, l => l.StartsWith("USER $APP_UID", StringComparison.Ordinal));
        var check = Assert.Single(final, l => l.StartsWith("HEALTHCHECK", StringComparison.Ordinal));
        Assert.Contains("CMD [\"dotnet\", \"TaskWatch.dll\", \"--health\"]", check, StringComparison.Ordinal);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TaskWatch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("No TaskWatch.sln above " + AppContext.BaseDirectory);
    }
}
