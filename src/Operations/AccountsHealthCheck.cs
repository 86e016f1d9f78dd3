using Microsoft.Extensions.Diagnostics.HealthChecks;
using TaskWatch.Tracking.Leases;

namespace TaskWatch.Operations;

/// <summary>
/// Which accounts this instance polls (by their configured names: no credential), so an operator of several
/// instances sees where each account's polling runs. Holding none is healthy: another instance holds them.
/// </summary>
public sealed class AccountsHealthCheck(IAccountOwnership ownership) : IHealthCheck
{
    /// <summary>The key of the held account names in the check's data (written as <c>data.heldAccounts</c>).</summary>
    public const string HeldAccountsKey = "heldAccounts";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var held = ownership.HeldAccounts;
        var description = held.Count == 0 ? "Polls no account now." : $"Polls account{(held.Count == 1 ? "" : "s")} {string.Join(", ", held)}.";
        if (ownership is PostgreSqlAccountLeases leases)
        {
            description += $" {leases.LiveInstances} instance{(leases.LiveInstances == 1 ? "" : "s")} share the database.";
        }

        return Task.FromResult(HealthCheckResult.Healthy(description, new Dictionary<string, object> { [HeldAccountsKey] = held.ToArray() }));
    }
}
