using System.Data.Common;
using System.Globalization;

namespace TaskWatch.Storage;

/// <summary>
/// Consistent copies of the SQLite file, written beside it. <c>VACUUM INTO</c> reads one snapshot of the database
/// (the <c>-wal</c> file's committed pages included) while TaskWatch goes on writing, and writes a compact,
/// self-contained file: copying <c>taskwatch.db</c> alone misses what still sits in the WAL. Before a release
/// migrates an existing file, the last <see cref="Kept"/> such copies are kept (<c>TaskWatch:Storage:Backups</c>).
/// </summary>
public sealed class SqliteBackups(int kept, Func<string, long>? freeBytes = null)
{
    /// <summary>Between the database's file name and the time in a pre-upgrade copy's name.</summary>
    public const string UpgradeMarker = ".before-upgrade-";

    // Room kept free beyond the copy itself, so the database can still grow (and write its WAL) afterwards.
    private const long Spare = 16L * 1024 * 1024;

    private readonly Func<string, long> _freeBytes = freeBytes ?? (folder => new DriveInfo(folder).AvailableFreeSpace);

    /// <summary>Pre-upgrade copies kept; 0 migrates without one.</summary>
    public int Kept => kept;

    /// <summary>The name of the pre-upgrade copy of <paramref name="path"/> made at <paramref name="utc"/>: sorts by time.</summary>
    public static string UpgradeCopyOf(string path, DateTime utc) =>
        path + UpgradeMarker + utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + ".db";

    /// <summary>Bytes a copy of <paramref name="path"/> may need: the file and its WAL (the copy holds at most their live pages), plus a spare.</summary>
    public static long Needed(string path) => SizeOf(path) + SizeOf(path + "-wal") + (SizeOf(path) / 10) + Spare;

    /// <summary>Writes the pre-upgrade copy and removes the oldest beyond <see cref="Kept"/>. Returns the copy's path.</summary>
    /// <exception cref="DatabaseBackupException">Not enough room beside the file, or the copy failed; nothing was changed.</exception>
    /// <param name="rewrites">The upgrade itself rewrites the file (VACUUM): room for that second copy is asked as well.</param>
    public async Task<string> WriteBeforeUpgradeAsync(DbConnection connection, string path, DateTime utc, bool rewrites, CancellationToken cancellationToken)
    {
        var target = UpgradeCopyOf(path, utc);
        await WriteAsync(connection, path, target, "TaskWatch:Database", cancellationToken, rewrites ? SizeOf(path) : 0).ConfigureAwait(false);
        Prune(path);
        return target;
    }

    /// <summary>A consistent copy of the open database at <paramref name="path"/> to <paramref name="target"/> (which must not exist).</summary>
    /// <param name="key">The setting or argument the message names when there is no room.</param>
    /// <param name="alsoNeeded">Bytes the caller will need beside the copy (an upgrade's VACUUM).</param>
    public async Task WriteAsync(DbConnection connection, string path, string target, string key, CancellationToken cancellationToken, long alsoNeeded = 0)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(target))!;
        var needed = Needed(path) + alsoNeeded;
        var free = _freeBytes(folder);
        if (free < needed)
        {
            throw new DatabaseBackupException(
                $"{key}: a backup of '{path}' needs about {Megabytes(needed)} MB free in {folder}; {Megabytes(free)} MB are free. " +
                "Free some space and try again" + (key == "TaskWatch:Database" ? ", or set TaskWatch:Storage:Backups=0 to upgrade without a backup." : "."));
        }

        if (File.Exists(target))
        {
            throw new DatabaseBackupException($"{key}: the backup file '{target}' exists already; choose another name.");
        }

        // Written under a temporary name and renamed: a copy cut off half-way is never taken for a backup.
        var partial = target + ".partial";
        File.Delete(partial);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO '" + partial.Replace("'", "''", StringComparison.Ordinal) + "';";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            File.Move(partial, target);
        }
        catch (Exception ex) when (ex is DbException or IOException or UnauthorizedAccessException)
        {
            File.Delete(partial);
            throw new DatabaseBackupException($"{key}: writing the backup '{target}' failed: {ex.Message}", ex);
        }
    }

    /// <summary>Deletes the oldest pre-upgrade copies of <paramref name="path"/> beyond <see cref="Kept"/>. Returns what went.</summary>
    public IReadOnlyList<string> Prune(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var pattern = Path.GetFileName(path) + UpgradeMarker + "*.db";
        var old = Directory.GetFiles(folder, pattern).Order(StringComparer.Ordinal).SkipLast(Math.Max(kept, 0)).ToList();
        foreach (var file in old)
        {
            File.Delete(file);
        }

        return old;
    }

    private static long SizeOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static long Megabytes(long bytes) => (bytes + (1024 * 1024) - 1) / (1024 * 1024);
}
