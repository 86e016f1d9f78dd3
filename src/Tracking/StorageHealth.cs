namespace TaskWatch.Tracking;

/// <summary>Whether the last database write worked; read by the health check and the pages' banner.</summary>
public sealed class StorageHealth
{
    private volatile string? _problem;

    /// <summary>What is wrong, in words safe to show anywhere (no host, user or path: those are in the log).</summary>
    public string? Problem => _problem;

    /// <summary>The failure's kind (<c>Storage.DatabaseFailure</c>: "disk full", "read-only", "cannot connect", ...).</summary>
    public string? Category { get; private set; }

    public DateTime? FailingSinceUtc { get; private set; }

    public int PendingChanges { get; set; }

    public void Failed(string problem, DateTime now, string? category = null)
    {
        FailingSinceUtc ??= now;
        Category = category;
        _problem = problem;
    }

    public void Recovered()
    {
        FailingSinceUtc = null;
        Category = null;
        _problem = null;
    }
}
