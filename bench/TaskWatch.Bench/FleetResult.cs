namespace TaskWatch.Bench;

/// <summary>Everything one size of the fleet scenario measured, before it is turned into figures.</summary>
public sealed record FleetResult(FleetSize Size)
{
    public List<FleetInstanceFigures> Instances { get; } = [];

    /// <summary>Per account: its oldest view of a job shown as running, and its sweep limit (s).</summary>
    public List<(string Account, double Oldest, double SweepLimit)> Accounts { get; } = [];

    /// <summary>The oldest view of any account's running job during the warm-up (the start-up: every job registered at once).</summary>
    public double WarmUpOldest { get; set; } = double.NaN;

    /// <summary>Ten-second windows of all accounts, and those whose oldest view passed its account's limit.</summary>
    public int Windows { get; set; }

    public int WindowsOverLimit { get; set; }

    /// <summary>The job behind the worst account's oldest view, when it had it (<see cref="JobLifeSampler.OldestDescribed"/>).</summary>
    public string? WorstAccountDescribed { get; set; }

    public long Throttled { get; set; }

    public long Calls { get; set; }

    public double MeasuredSeconds { get; set; }

    public int MostAccountsHeld { get; set; }

    public int UnheldAccounts { get; set; }

    public double CommitsPerSecond { get; set; }

    public double RowsWrittenPerSecond { get; set; }

    public double RowsReadPerSecond { get; set; }

    public double NotificationsPerSecond { get; set; }

    /// <summary>Rows read per second from each table (sequential scans' rows plus index fetches).</summary>
    public Dictionary<string, double> RowsReadPerTablePerSecond { get; } = new(StringComparer.Ordinal);

    public double NotifiedIdsPerSecond { get; set; }

    public double NotifiedBytesPerSecond { get; set; }

    /// <summary>All instances' change feeds: tracked-job rows read per second to follow the others' writes.</summary>
    public double FeedRowsReadPerSecond { get; set; }

    /// <summary>All instances' change feeds: others' writes applied per second from their notification alone.</summary>
    public double FeedAppliedWithoutReadPerSecond { get; set; }

    public int JobsArrived { get; set; }

    /// <summary>The killed instance's accounts, each: seconds from the kill to its first call at the simulator (NaN: none in the time allowed).</summary>
    public List<double> TakeoverSeconds { get; } = [];

    /// <summary>Seconds from the kill until every instance (the new one included) showed every forced end of those accounts ended.</summary>
    public double EndsShownEverywhereSeconds { get; set; } = double.NaN;

    public int ForcedEnds { get; set; }

    public double NewInstanceStartSeconds { get; set; } = double.NaN;

    public string? KillNote { get; set; }
}
