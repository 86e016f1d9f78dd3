namespace TaskWatch.Tracking.Leases;

/// <summary>
/// Which accounts this instance polls now. The poller asks before it starts a round or a discovery, so an
/// account held by another instance is never polled here and its call budget is spent by one instance only.
/// </summary>
public interface IAccountOwnership
{
    /// <summary>True while this instance may spend <paramref name="account"/>'s budget.</summary>
    bool Holds(string account);

    /// <summary>The accounts held now, by name (for /healthz).</summary>
    IReadOnlyCollection<string> HeldAccounts { get; }

    /// <summary>True when other instances on the same database may hold accounts (PostgreSQL leases).</summary>
    bool IsShared { get; }
}
