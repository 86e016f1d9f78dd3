namespace TaskWatch.Tests.Support;

/// <summary>The repository's root folder (where TaskWatch.sln is), found from the test's build output.</summary>
public static class RepoFolder
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TaskWatch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("TaskWatch.sln was not found above " + AppContext.BaseDirectory);
    }

    public static string PathOf(params string[] parts) => Path.Combine([Root(), .. parts]);
}
