using Microsoft.Extensions.Options;
using TaskWatch.Configuration;

namespace TaskWatch.Cloud;

/// <summary>The call budget of every account (default 60 calls a minute, as Huawei Cloud documents for RDS).</summary>
public sealed class AccountBudgets
{
    private readonly Dictionary<string, CallBudgetLimiter> _byAccount = new(StringComparer.OrdinalIgnoreCase);

    public AccountBudgets(IOptions<TaskWatchOptions> options, TimeProvider time)
    {
        foreach (var (name, account) in options.Value.Accounts)
        {
            _byAccount[name] = new CallBudgetLimiter(account.CallsPerMinute, TimeSpan.FromMinutes(1), time);
        }
    }

    public CallBudgetLimiter For(string account) =>
        _byAccount.TryGetValue(account, out var budget) ? budget : throw new KeyNotFoundException($"No account '{account}' is configured.");

    public IReadOnlyDictionary<string, CallBudgetLimiter> All => _byAccount;
}
