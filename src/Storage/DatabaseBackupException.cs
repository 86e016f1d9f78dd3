namespace TaskWatch.Storage;

/// <summary>A backup could not be written (no room, or the copy failed); the database was left as it was.</summary>
public sealed class DatabaseBackupException(string message, Exception? inner = null) : Exception(message, inner);
