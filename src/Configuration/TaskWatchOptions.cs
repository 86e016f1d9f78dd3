namespace TaskWatch.Configuration;

/// <summary>The root of the <c>TaskWatch</c> configuration section.</summary>
public sealed class TaskWatchOptions
{
    public const string SectionName = "TaskWatch";

    /// <summary>Path of the SQLite database file (used when <see cref="Storage"/> names SQLite).</summary>
    public string Database { get; set; } = "data/taskwatch.db";

    public StorageOptions Storage { get; set; } = new();

    public DemoOptions Demo { get; set; } = new();

    public PollingOptions Polling { get; set; } = new();

    public Dictionary<string, AccountOptions> Accounts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, ProjectOptions> Projects { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Days of snapshots to keep; 0 keeps them forever.</summary>
    public int SnapshotRetentionDays { get; set; }
}
