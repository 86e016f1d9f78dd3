using TaskWatch.Api;

namespace TaskWatch.Hosting;

/// <summary>
/// Caps the pages' live connections (each open dashboard, wall or job page holds a circuit and its WebSocket on
/// <c>/_blazor</c>) per client and in total, as the API's waits and event streams are (<see cref="OpenRequestCaps"/>):
/// over the client's cap a 429, over the total a 503, each with Retry-After; the page shows its reconnect banner and
/// tries again. Unlimited, one client could hold the server's memory with circuits.
/// </summary>
public static class CircuitConnectionCap
{
    public static IApplicationBuilder UseCircuitConnectionCap(this IApplicationBuilder app) => app.UseWhen(
        // The connection itself: GET /_blazor?id=… (a WebSocket upgrade, or the SSE or long-polling fallback), not negotiate
        // or the other short requests under it. The WebSocket feature is added later, inside SignalR: the method and path decide.
        context => HttpMethods.IsGet(context.Request.Method)
            && context.Request.Path.Equals("/_blazor", StringComparison.OrdinalIgnoreCase)
            && context.Request.Query.ContainsKey("id"),
        circuits => circuits.Use(async (context, next) =>
        {
            using var lease = await context.RequestServices.GetRequiredService<OpenRequestCaps>().Circuits.EnterAsync(context).ConfigureAwait(false);
            if (lease is not null)
            {
                await next(context).ConfigureAwait(false);
            }
        }));
}
