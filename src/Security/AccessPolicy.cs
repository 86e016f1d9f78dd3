using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace TaskWatch.Security;

/// <summary>
/// Exposure per request: the bound addresses say whether anything but loopback can connect, and the request's own
/// origin whether it came through a proxy (a proxy on the same host forwards the whole network to loopback).
/// </summary>
public sealed class AccessPolicy(IOptions<AccessOptions> options, IServer server) : IAccessPolicy
{
    public const string ApiKeyHeader = "X-Api-Key";

    private readonly AccessOptions _access = options.Value;
    private bool? _boundBeyondLoopback;

    public bool IsExposed(HttpContext context)
    {
        if (_access.RequireKey is { } forced)
        {
            return forced;
        }

        var origin = RequestOrigin.Of(context);
        return BoundBeyondLoopback() || origin.Relayed || origin.Peer is null || !IPAddress.IsLoopback(origin.Peer);
    }

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
