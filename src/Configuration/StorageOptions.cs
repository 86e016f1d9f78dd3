namespace TaskWatch.Configuration;

/// <summary>
/// <c>TaskWatch:Storage</c>: which database holds the jobs. SQLite (the file at <c>TaskWatch:Database</c>)
/// unless told otherwise; PostgreSQL takes its Npgsql connection string from <c>ConnectionStrings:TaskWatch</c>,
/// a secret read only where the connection is made.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The configuration key of the PostgreSQL connection string.</summary>
    public const string ConnectionStringKey = "ConnectionStrings:TaskWatch";

    /// <summary><c>Sqlite</c> or <c>PostgreSQL</c>; kept as text so a typo is reported by the validator, not the binder.</summary>
    public string? Provider { get; set; } = nameof(StorageProvider.Sqlite);

    /// <summary>The parsed <see cref="Provider"/>, or null when it is not a known provider name.</summary>
    public StorageProvider? ProviderKind => Enum.TryParse<StorageProvider>(Provider, ignoreCase: true, out var p) && Enum.IsDefined(p) ? p : null;
}
