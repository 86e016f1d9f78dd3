using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace TaskWatch.Security;

/// <summary>
/// <c>TaskWatch:Access:KnownProxies</c>, parsed once: the framework's forwarded-headers middleware believes
/// <c>X-Forwarded-*</c> only from these, and <see cref="RequestOrigin"/> asks whether the peer is one of them.
/// </summary>
public sealed class ProxyTrust
{
    private readonly List<IPAddress> _proxies = [];
    private readonly List<System.Net.IPNetwork> _networks = [];

    public ProxyTrust(IEnumerable<string> entries)
    {
        foreach (var entry in entries)
        {
            if (Parse(entry) is { } parsed)
            {
                if (parsed.Address is { } address)
                {
                    _proxies.Add(address);
                }
                else
                {
                    _networks.Add(parsed.Network!.Value);
                }
            }
        }
    }

    public bool Any => _proxies.Count + _networks.Count > 0;

    public bool IsKnown(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return _proxies.Any(p => p.Equals(plain) || p.Equals(address)) || _networks.Any(n => n.Contains(plain) || n.Contains(address));
    }

    /// <summary>
    /// The framework's defaults believe loopback: cleared, so a proxy is believed only when configured (a local process
    /// other than the proxy could otherwise claim any client address).
    /// </summary>
    public void Configure(ForwardedHeadersOptions options, IReadOnlyList<string> allowedHosts)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        // A chain of known proxies is walked back to the first address that is not one of them.
        options.ForwardLimit = null;
        foreach (var proxy in _proxies)
        {
            options.KnownProxies.Add(proxy);
        }

        foreach (var network in _networks)
        {
            options.KnownIPNetworks.Add(network);
        }

        if (allowedHosts.Count > 0)
        {
            options.AllowedHosts = [.. allowedHosts];
        }
    }

    /// <summary>An address or a network in CIDR form; null for anything else (the validator names it).</summary>
    public static (IPAddress? Address, System.Net.IPNetwork? Network)? Parse(string? entry)
    {
        entry = entry?.Trim();
        if (string.IsNullOrEmpty(entry))
        {
            return null;
        }

        if (entry.Contains('/', StringComparison.Ordinal))
        {
            return System.Net.IPNetwork.TryParse(entry, out var network) ? (null, network) : null;
        }

        return IPAddress.TryParse(entry, out var address) ? (address, null) : null;
    }
}
