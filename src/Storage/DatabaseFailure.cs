using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace TaskWatch.Storage;

/// <summary>
/// What kind of database failure an exception is, in a few words an operator can act on and an open endpoint may
/// show: the exception's own text names host names, user names and file paths, and belongs in the log only.
/// </summary>
public static class DatabaseFailure
{
    public const string CannotConnect = "cannot connect";
    public const string ReadOnly = "read-only";
    public const string DiskFull = "disk full";
    public const string Locked = "locked";
    public const string Other = "error";

    public static string Categorize(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // SQLite's primary result codes (the low byte of an extended one).
                case SqliteException s when (s.SqliteErrorCode & 0xFF) == 13: return DiskFull; // SQLITE_FULL
                case SqliteException s when (s.SqliteErrorCode & 0xFF) == 8: return ReadOnly; // SQLITE_READONLY
                case SqliteException s when (s.SqliteErrorCode & 0xFF) is 14 or 26: return CannotConnect; // SQLITE_CANTOPEN, SQLITE_NOTADB
                case SqliteException s when (s.SqliteErrorCode & 0xFF) is 5 or 6: return Locked; // SQLITE_BUSY, SQLITE_LOCKED
                case PostgresException p when p.SqlState is PostgresErrorCodes.DiskFull: return DiskFull;
                case PostgresException p when p.SqlState is PostgresErrorCodes.ReadOnlySqlTransaction: return ReadOnly;
                case PostgresException p when p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("28", StringComparison.Ordinal)
                    || p.SqlState is PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections
                    or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown:
                    return CannotConnect;
                case PostgresException p when p.SqlState is PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected: return Locked;
                case IOException io when (io.HResult & 0xFFFF) == 28: return DiskFull; // ENOSPC
                case SocketException or TimeoutException: return CannotConnect;
                case NpgsqlException n when n.IsTransient && n is not PostgresException: return CannotConnect;
            }
        }

        return Other;
    }
}
