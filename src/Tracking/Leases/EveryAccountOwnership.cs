namespace TaskWatch.Tracking.Leases;

/// <summary>One instance on its own database (SQLite): it holds every account.</summary>
public sealed class EveryAccountOwnership(Cloud.AccountBudgets budgets) : IAccountOwnership
{
    public bool Holds(string account) => true;

    public IReadOnlyCollection<string> HeldAccounts => [.. budgets.All.Keys];

    public bool IsShared => false;
}
