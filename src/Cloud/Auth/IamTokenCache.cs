namespace TaskWatch.Cloud.Auth;

/// <summary>
/// IAM tokens per (account, project): reused until shortly before they expire, renewed in the
/// background before that, and renewed once when the cloud rejects one. Concurrent callers share
/// one renewal, so 50 polls after an expiry cost one IAM call.
/// </summary>
public sealed class IamTokenCache(TimeProvider time, ILogger<IamTokenCache> logger)
{
    /// <summary>Within this of expiry a caller waits for a new token.</summary>
    public static readonly TimeSpan HardMargin = TimeSpan.FromMinutes(2);

    /// <summary>Within this of expiry a new token is fetched in the background while the old one serves.</summary>
    public static readonly TimeSpan SoftMargin = TimeSpan.FromMinutes(30);

    private readonly Dictionary<(string Account, string Project), Entry> _entries = [];

    public Task<IamToken> GetAsync(string account, string project, Func<CancellationToken, Task<IamToken>> issue, CancellationToken cancellationToken)
    {
        var entry = EntryFor(account, project);
        Task<IamToken> renewal;
        lock (entry)
        {
            var now = time.GetUtcNow();
            if (entry.Token is { } token && now < token.ExpiresAt - HardMargin)
            {
                if (now >= token.ExpiresAt - SoftMargin)
                {
                    _ = StartRenewal(entry, account, project, issue);
                }

                return Task.FromResult(token);
            }

            renewal = StartRenewal(entry, account, project, issue);
        }

        return renewal.WaitAsync(cancellationToken);
    }

    /// <summary>The cloud refused <paramref name="rejectedToken"/>: renew unless another caller already did.</summary>
    public Task<IamToken> RenewAfterRejectionAsync(string account, string project, string? rejectedToken, Func<CancellationToken, Task<IamToken>> issue, CancellationToken cancellationToken)
    {
        var entry = EntryFor(account, project);
        lock (entry)
        {
            if (entry.Token is { } token && token.Value != rejectedToken)
            {
                return Task.FromResult(token);
            }

            entry.Token = null;
            return StartRenewal(entry, account, project, issue).WaitAsync(cancellationToken);
        }
    }

    private Entry EntryFor(string account, string project)
    {
        lock (_entries)
        {
            if (!_entries.TryGetValue((account, project), out var entry))
            {
                entry = new Entry();
                _entries[(account, project)] = entry;
            }

            return entry;
        }
    }

    // Called under the entry's lock. The renewal does not take a caller's token: one caller giving
    // up must not cancel the renewal the others wait for.
    private Task<IamToken> StartRenewal(Entry entry, string account, string project, Func<CancellationToken, Task<IamToken>> issue)
    {
        if (entry.Renewal is { } running)
        {
            return running;
        }

        var renewal = RenewAsync(entry, account, project, issue);
        entry.Renewal = renewal.IsCompleted ? null : renewal;
        return renewal;
    }

    private async Task<IamToken> RenewAsync(Entry entry, string account, string project, Func<CancellationToken, Task<IamToken>> issue)
    {
        await Task.Yield();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30), time);
            var token = await issue(timeout.Token).ConfigureAwait(false);
            lock (entry)
            {
                entry.Token = token;
            }

            logger.LogInformation("New IAM token for account {Account}, project {Project}, expiring {ExpiresAt:O}", account, project, token.ExpiresAt);
            return token;
        }
        finally
        {
            lock (entry)
            {
                entry.Renewal = null;
            }
        }
    }

    private sealed class Entry
    {
        public IamToken? Token { get; set; }

        public Task<IamToken>? Renewal { get; set; }
    }
}
