namespace TaskWatch.Bench;

/// <summary>
/// One size of the fleet scenario: accounts (each one user with its own budget and one project), TaskWatch
/// instances, jobs per account at the start; with <paramref name="PreviousFeed"/> the database gets the previous
/// release's change trigger (bare ids for every write, so every instance re-reads every poll of the fleet), the
/// "before" of issue 32's fan-out change, measured in the same run as the "after".
/// </summary>
public sealed record FleetSize(int Accounts, int Instances, int JobsPerAccount, bool PreviousFeed = false)
{
    public int Jobs => Accounts * JobsPerAccount;

    /// <summary>The most accounts one instance may hold when the leases spread evenly.</summary>
    public int FairShare => (Accounts + Instances - 1) / Instances;

    public string Label => $"{Accounts} accounts × {JobsPerAccount:#,0} jobs on {Instances} instance{(Instances == 1 ? string.Empty : "s")}{(PreviousFeed ? ", previous feed" : string.Empty)}";
}
