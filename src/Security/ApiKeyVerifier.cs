using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace TaskWatch.Security;

/// <summary>
/// Which configured key a presented one is. A PBKDF2 hash costs tens of milliseconds: a key that matched is
/// remembered (by a SHA-256 of it, never the key itself) for <see cref="Remembered"/>, so a pipeline's or a scraper's
/// requests run the hash once, not once each. Misses are not remembered: they are throttled instead.
/// </summary>
public sealed class ApiKeyVerifier(IOptions<AccessOptions> options, IMemoryCache cache)
{
    public static readonly TimeSpan Remembered = TimeSpan.FromMinutes(10);

    private readonly List<(string Name, string Role, ApiKeyHash Hash)> _keys = [.. options.Value.ApiKeys
        .Select(k => (k.Key, k.Value.Role, Hash: ApiKeyHash.Parse(k.Value.Hash)))
        .Where(k => k.Hash is not null && k.Role is not null)
        .Select(k => (k.Key, k.Role!, k.Hash!))];

    /// <summary>How many times a hash was computed (the cache test reads it).</summary>
    public int HashRuns => _hashRuns;

    private int _hashRuns;

    /// <summary>The key's name and role, or null. Every key is tried, match or not, so timing does not tell which one.</summary>
    public (string Name, string Role)? Verify(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 512)
        {
            return null;
        }

        var cacheKey = "taskwatch-key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
        if (cache.TryGetValue(cacheKey, out (string Name, string Role) remembered))
        {
            return remembered;
        }

        (string Name, string Role)? found = null;
        foreach (var (name, role, hash) in _keys)
        {
            Interlocked.Increment(ref _hashRuns);
            if (hash.Matches(presented) && found is null)
            {
                found = (name, role);
            }
        }

        if (found is { } match)
        {
            cache.Set(cacheKey, match, Remembered);
        }

        return found;
    }

    /// <summary>Whether a key of this name is still configured with this role (a session made with it ends otherwise).</summary>
    public bool StillGrants(string name, string role) => _keys.Any(k => k.Name.Equals(name, StringComparison.OrdinalIgnoreCase) && k.Role == role);
}
