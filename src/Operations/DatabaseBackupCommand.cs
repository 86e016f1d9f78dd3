using System.Globalization;
using Microsoft.Data.Sqlite;
using TaskWatch.Configuration;
using TaskWatch.Storage;

namespace TaskWatch.Operations;

/// <summary>
/// <c>dotnet TaskWatch.dll --backup [FILE]</c>: a consistent copy of the SQLite database while TaskWatch runs
/// (<c>VACUUM INTO</c> reads one snapshot, the WAL's committed pages included), found from the same configuration
/// the app reads (appsettings.json, environment, command line). Exits 0 with the copy's path, 1 when it failed,
/// 2 on PostgreSQL (pg_dump is the tool there: README, Operations).
/// </summary>
public static class DatabaseBackupCommand
{
    public const string Argument = "--backup";

    public static bool Requested(string[] args) => args.Contains(Argument, StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var index = Array.IndexOf(args, Argument);
        // The file, when given, follows the switch; the rest is configuration (--TaskWatch:Database=...).
        var target = index + 1 < args.Length && !args[index + 1].StartsWith('-') ? args[index + 1] : null;
        var rest = args.Where((_, i) => i != index && !(target is not null && i == index + 1)).ToArray();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = rest });
        return await RunAsync(builder.Configuration, target, TimeProvider.System, output).ConfigureAwait(false);
    }

    /// <param name="target">The copy's path; null: beside the database, named by the time.</param>
    public static async Task<int> RunAsync(IConfiguration configuration, string? target, TimeProvider time, TextWriter output)
    {
        var options = configuration.GetSection(TaskWatchOptions.SectionName).Get<TaskWatchOptions>() ?? new TaskWatchOptions();
        if (options.Storage.ProviderKind == StorageProvider.PostgreSQL)
        {
            output.WriteLine("TaskWatch:Storage:Provider is PostgreSQL: back it up with pg_dump (README: Operations, Backup and restore).");
            return 2;
        }

        var database = Path.GetFullPath(options.Database);
        if (!File.Exists(database))
        {
            output.WriteLine($"TaskWatch:Database is '{options.Database}': no such file ({database}).");
            return 1;
        }

        target = Path.GetFullPath(target ?? database + "." + time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + ".backup.db");
        try
        {
            // Unpooled, never creating the file: VACUUM INTO only reads the source, it takes no write lock and leaves no handle behind on the running app's file.
            var connectionString = new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync().ConfigureAwait(false);
            await new SqliteBackups(kept: 0).WriteAsync(connection, database, target, Argument, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DatabaseBackupException ex)
        {
            output.WriteLine(ex.Message);
            return 1;
        }
        catch (SqliteException ex)
        {
            output.WriteLine($"{Argument}: reading '{database}' failed: {ex.Message}");
            return 1;
        }

        output.WriteLine($"Backup of {database} written to {target} ({new FileInfo(target).Length / 1024} KB).");
        return 0;
    }
}
