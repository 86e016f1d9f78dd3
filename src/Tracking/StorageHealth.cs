namespace TaskWatch.Tracking;

/// <summary>Whether the last database write worked; read by the health check and the pages' banner.</summary>
public sealed class StorageHealth
{
    private volatile string? _problem;

    public string? Problem => _problem;

    public DateTime? FailingSinceUtc { get; private set; }

    public int PendingChanges { get; set; }

    public void Failed(string problem, DateTime now)
    {
        FailingSinceUtc ??= now;
        _problem = problem;
    }

    public void Recovered()
    {
        FailingSinceUtc = null;
        _problem = null;
    }
}
