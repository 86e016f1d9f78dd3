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

    /// <summary>
    /// SQLite: how many copies made before an upgrade (<c>taskwatch.db.before-upgrade-{time}.db</c>, beside the file)
    /// are kept, the oldest deleted first; 0 upgrades without a copy.
    /// </summary>
    public int Backups { get; set; } = 3;

    /// <summary>The parsed <see cref="Provider"/>, or null when it is not a known provider name.</summary>
    /// <summary>
    /// PostgreSQL with several instances: the longest an account may go unpolled after its holder died
    /// (SIGKILL, a lost host) before another instance takes it over. Part of it is the <see cref="LeaseQuiet"/>
    /// a new holder keeps; the rest is split into two looks for a free account.
    /// </summary>
    public TimeSpan LeaseTakeover { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a new holder of an account waits before its first call. The previous holder may have spent
    /// the account's burst just before it died; a call budget's burst refills in a twentieth of its minute,
    /// so twice that (6 s) keeps the two holders' calls within one budget in any minute.
    /// </summary>
    public static readonly TimeSpan LeaseQuiet = TimeSpan.FromSeconds(6);

    /// <summary>The shortest <see cref="LeaseTakeover"/>: the quiet time plus two looks one second apart.</summary>
    public static readonly TimeSpan MinLeaseTakeover = LeaseQuiet + TimeSpan.FromSeconds(2);

    /// <summary>How often an instance looks for free accounts and counts the live instances.</summary>
    public TimeSpan LeaseCheckInterval => (LeaseTakeover - LeaseQuiet) / 2;

    public StorageProvider? ProviderKind => Enum.TryParse<StorageProvider>(Provider, ignoreCase: true, out var p) && Enum.IsDefined(p) ? p : null;
}
