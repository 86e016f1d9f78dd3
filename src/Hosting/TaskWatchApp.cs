using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using TaskWatch.Api;
using TaskWatch.Components;
using TaskWatch.Operations;
using TaskWatch.Security;
using TaskWatch.Simulator;
using TaskWatch.Storage;

namespace TaskWatch.Hosting;

/// <summary>The request pipeline and start-up work, in one place.</summary>
public static class TaskWatchApp
{
    public static async Task<WebApplication> UseTaskWatchAsync(this WebApplication app)
    {
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<TaskWatchDbContext>>();
        await DatabaseInitializer.InitializeAsync(dbFactory, app.Services.GetService<SqliteBackups>(), app.Services.GetRequiredService<TimeProvider>(), CancellationToken.None).ConfigureAwait(false);
        if (app.Services.GetService<SimulatorHost>() is not null)
        {
            await DemoSetup.RetirePreviousRunAsync(dbFactory, app.Services.GetRequiredService<TimeProvider>(), CancellationToken.None).ConfigureAwait(false);
        }

        // Security (src/Security): headers on every answer (errors too), then /api limits, sign-in, access policy.
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseApiBodySizeLimit();
        app.UseTaskWatchSecurity();
        app.MapStaticAssets().AllowAnonymous(); // the sign-in page's style sheet; nothing secret in wwwroot
        app.UseAntiforgery();
        app.UseCircuitShutdown();
        app.UseCircuitConnectionCap();
        app.MapOpenApi();
        app.MapTaskWatchOperations(); // /healthz, /healthz/live, /healthz/ready, /metrics
        app.MapApiReference();
        app.MapJobApi();
        app.MapInstanceApi();
        app.MapAlertApi();
        app.MapAuditApi();
        app.MapHistoryExport();
        app.MapSignIn();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o =>
        {
            // SecurityHeaders already sends frame-ancestors 'none' on every answer; Blazor's own second header ('self') is redundant.
            o.ContentSecurityFrameAncestorsPolicy = null;
            // With the circuit's WebSocket compressed, a message from Chromium 156 above about 32 KB (the paste of
            // 1,000 ids into the registration box) stalled the circuit without closing it: no update arrived
            // again and the paste was lost. Uncompressed it arrives whole; the cost is bytes on the wire.
            o.DisableWebSocketCompression = true;
        });

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                Console.WriteLine($"TaskWatch is running at {address}");
            }

            AccessStartupWarnings.Log(app.Services, app.Configuration, addresses);
        });
        return app;
    }
}
