namespace TaskWatch.Hosting;

/// <summary>
/// Ends every circuit's connection when the app begins to stop. SignalR closes the connections it has
/// when stopping begins, but an open page reconnects at once, and Kestrel still accepts until its own
/// stop: that new WebSocket kept the server waiting out its whole shutdown timeout (30 s) while a wall
/// was open. Aborting /_blazor requests from the moment stopping begins, and any that arrive after, lets
/// Kestrel stop at once; the page shows its banner and reconnects to whatever serves next.
/// </summary>
public static class CircuitShutdown
{
    public static IApplicationBuilder UseCircuitShutdown(this IApplicationBuilder app)
    {
        var stopping = app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        return app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase),
            circuits => circuits.Use(async (context, next) =>
            {
                // Runs at once when stopping has already begun.
                using var abort = stopping.Register(static c => ((HttpContext)c!).Abort(), context);
                await next(context).ConfigureAwait(false);
            }));
    }
}
