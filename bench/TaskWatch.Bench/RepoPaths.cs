namespace TaskWatch.Bench;

/// <summary>Finds the repository root (the folder with TaskWatch.csproj) from the bench's output folder.</summary>
public static class RepoPaths
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TaskWatch.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"TaskWatch.csproj not found above {AppContext.BaseDirectory}.");
    }

    public static string TempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "taskwatch-bench-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }

    public static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
