using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace TaskWatch.Security;

/// <summary>The access rules of <see cref="AccessOptions"/>; exposure is read from the addresses the server bound.</summary>
public sealed class AccessPolicy(IOptions<AccessOptions> options, IServer server) : IAccessPolicy
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string ChangeClaim = "taskwatch:change";

    private readonly AccessOptions _access = options.Value;
    private readonly List<(string Name, ApiKeyHash Hash)> _keys = [.. options.Value.ApiKeys
        .Select(k => (k.Key, ApiKeyHash.Parse(k.Value)))
        .Where(k => k.Item2 is not null)
        .Select(k => (k.Key, k.Item2!))];

    private bool? _boundBeyondLoopback;

    public bool IsExposed => _access.RequireKey ?? BoundBeyondLoopback();

    public bool AnonymousRead => _access.AnonymousRead ?? !IsExposed;

    public bool CanRead(HttpContext context) => AnonymousRead || CanChange(context);

    public bool CanChange(HttpContext context) =>
        !IsExposed || KeyName(context.Request.Headers[ApiKeyHeader].ToString()) is not null || CanChange(context.User) || TrustedUser(context) is not null;

    public bool CanChange(ClaimsPrincipal user) => !IsExposed || user.HasClaim(ChangeClaim, "true");

    /// <summary>The name of the configured key that <paramref name="presented"/> is, or null. Every key is tried, match or not.</summary>
    public string? KeyName(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 512)
        {
            return null;
        }

        string? found = null;
        foreach (var (name, hash) in _keys)
        {
            if (hash.Matches(presented) && found is null)
            {
                found = name;
            }
        }

        return found;
    }

    /// <summary>The user a trusted reverse proxy vouches for; only when a header is configured (off by default).</summary>
    public string? TrustedUser(HttpContext context) =>
        string.IsNullOrWhiteSpace(_access.TrustedUserHeader) ? null
        : context.Request.Headers[_access.TrustedUserHeader].ToString() is { Length: > 0 } user ? user : null;

    private bool BoundBeyondLoopback()
    {
        if (_boundBeyondLoopback is { } known)
        {
            return known;
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0)
        {
            // Not listening yet: be strict.
            return true;
        }

        var beyond = addresses.Any(a => !IsLoopback(a));
        _boundBeyondLoopback = beyond;
        return beyond;
    }

    public static bool IsLoopback(string address)
    {
        var host = Uri.TryCreate(address.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? uri.Host.Trim('[', ']')
            : address;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
