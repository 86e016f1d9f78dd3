using System.Collections.Concurrent;
using System.Net;

namespace TaskWatch.Security;

/// <summary>
/// Wrong keys and failed sign-ins, per client address (the real client's, through a known proxy): the first
/// <see cref="FreeFailures"/> cost nothing, then each one locks the client out for twice as long as the one before
/// (1 s, 2 s, 4 s … up to <see cref="LongestLockOut"/>). A success, or <see cref="ForgetAfter"/> without failing, forgets.
/// </summary>
public sealed class FailedAttemptThrottle(TimeProvider time)
{
    public const int FreeFailures = 3;

    public static readonly TimeSpan LongestLockOut = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Last, DateTimeOffset LockedUntil)> _clients = new();

    /// <summary>How long this client must still wait, or null.</summary>
    public TimeSpan? LockedOut(IPAddress? client)
    {
        var now = time.GetUtcNow();
        if (_clients.TryGetValue(Key(client), out var state))
        {
            if (now - state.Last > ForgetAfter)
            {
                _clients.TryRemove(Key(client), out _);
                return null;
            }

            return state.LockedUntil > now ? state.LockedUntil - now : null;
        }

        return null;
    }

    public void Failed(IPAddress? client)
    {
        var now = time.GetUtcNow();
        _clients.AddOrUpdate(Key(client), _ => (1, now, now), (_, s) =>
        {
            var failures = now - s.Last > ForgetAfter ? 1 : s.Failures + 1;
            var lockOut = failures <= FreeFailures ? TimeSpan.Zero
                : TimeSpan.FromSeconds(Math.Min(LongestLockOut.TotalSeconds, Math.Pow(2, Math.Min(20, failures - FreeFailures - 1))));
            return (failures, now, now + lockOut);
        });
        if (_clients.Count > 100_000)
        {
            // Bounded: a flood from many addresses must not grow this without end; the oldest half goes.
            foreach (var old in _clients.OrderBy(c => c.Value.Last).Take(50_000))
            {
                _clients.TryRemove(old.Key, out _);
            }
        }
    }

    public void Succeeded(IPAddress? client) => _clients.TryRemove(Key(client), out _);

    private static string Key(IPAddress? client) => client?.ToString() ?? "unknown";
}
