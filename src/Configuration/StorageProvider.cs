namespace TaskWatch.Configuration;

/// <summary>The database behind TaskWatch (<c>TaskWatch:Storage:Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>The embedded default: one file, one instance.</summary>
    Sqlite,

    /// <summary>A server several instances share.</summary>
    PostgreSQL,
}
