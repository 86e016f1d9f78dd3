using Microsoft.Data.Sqlite;

namespace TaskWatch.Tests.Support;

/// <summary>A folder under the system temp path that is deleted (with any SQLite files) when the test ends.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "taskwatch-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a file still open by a pool being torn down; the OS temp cleaner takes it
        }
    }
}
