using Microsoft.Data.Sqlite;

namespace TaskWatch.BrowserTests.Support;

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
        // A pooled SQLite handle or a WAL file can still be closing for a moment after the host stops:
        // try again briefly rather than leave an empty folder behind.
        for (var attempt = 0; attempt < 20 && Directory.Exists(Path); attempt++)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(100);
            }
        }
    }
}
