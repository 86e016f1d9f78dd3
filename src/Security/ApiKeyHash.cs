using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TaskWatch.Security;

/// <summary>
/// A configured API key, stored only as a hash: SHA-256 (64 hex digits) or PBKDF2-SHA256
/// (<c>pbkdf2-sha256:{iterations}:{salt base64}:{hash base64}</c>). Keys are compared in constant time.
/// </summary>
public sealed class ApiKeyHash
{
    private readonly byte[] _hash;
    private readonly byte[]? _salt;
    private readonly int _iterations;

    private ApiKeyHash(byte[] hash, byte[]? salt, int iterations)
    {
        _hash = hash;
        _salt = salt;
        _iterations = iterations;
    }

    public static ApiKeyHash? Parse(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length == 64 && text.All(char.IsAsciiHexDigit))
        {
            return new ApiKeyHash(Convert.FromHexString(text), null, 0);
        }

        var parts = text.Split(':');
        if (parts.Length == 4 && parts[0].Equals("pbkdf2-sha256", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) && iterations is >= 10_000 and <= 10_000_000)
        {
            try
            {
                var salt = Convert.FromBase64String(parts[2]);
                var hash = Convert.FromBase64String(parts[3]);
                return salt.Length >= 8 && hash.Length >= 16 ? new ApiKeyHash(hash, salt, iterations) : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>The SHA-256 form of a key, for configuration (<c>TaskWatch:Access:ApiKeys:{name}</c>).</summary>
    public static string Sha256Of(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public bool Matches(string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        var computed = _salt is null
            ? SHA256.HashData(bytes)
            : Rfc2898DeriveBytes.Pbkdf2(bytes, _salt, _iterations, HashAlgorithmName.SHA256, _hash.Length);
        return CryptographicOperations.FixedTimeEquals(computed, _hash);
    }
}
