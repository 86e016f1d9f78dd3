using System.Net;

namespace TaskWatch.Security;

/// <summary>
/// Where a request came from, as the connection showed it before the forwarded headers were applied: the peer's
/// address, whether that peer is a known proxy, and whether the request carried any proxy header at all. Kept as a
/// request feature because the forwarded-headers middleware replaces the connection's address and removes the
/// headers it used.
/// </summary>
public sealed class RequestOrigin
{
    private static readonly string[] ProxyHeaders = ["X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Forwarded", "X-Real-IP", "Via"];

    public required IPAddress? Peer { get; init; }

    public required bool FromKnownProxy { get; init; }

    /// <summary>Any proxy header, believed or not: such a request was relayed, so it is never treated as local.</summary>
    public required bool Relayed { get; init; }

    public static RequestOrigin Of(HttpContext context) =>
        context.Features.Get<RequestOrigin>() ?? Read(context, null);

    public static RequestOrigin Read(HttpContext context, ProxyTrust? proxies)
    {
        var peer = context.Connection.RemoteIpAddress;
        var known = proxies?.IsKnown(peer) == true;
        return new RequestOrigin
        {
            Peer = peer,
            FromKnownProxy = known,
            Relayed = known || ProxyHeaders.Any(h => context.Request.Headers.ContainsKey(h)),
        };
    }

    /// <summary>Before <c>UseForwardedHeaders</c>: remembers the peer as the connection saw it.</summary>
    public static IApplicationBuilder UseRequestOrigin(IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Features.Set(Read(context, context.RequestServices.GetRequiredService<ProxyTrust>()));
        return next(context);
    });
}
