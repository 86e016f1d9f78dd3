namespace TaskWatch.Bench;

/// <summary>One size of the fleet scenario: accounts (each one user with its own budget and one project), TaskWatch instances, jobs per account at the start.</summary>
public sealed record FleetSize(int Accounts, int Instances, int JobsPerAccount)
{
    public int Jobs => Accounts * JobsPerAccount;

    /// <summary>The most accounts one instance may hold when the leases spread evenly.</summary>
    public int FairShare => (Accounts + Instances - 1) / Instances;

    public string Label => $"{Accounts} accounts × {JobsPerAccount:#,0} jobs on {Instances} instance{(Instances == 1 ? string.Empty : "s")}";
}
