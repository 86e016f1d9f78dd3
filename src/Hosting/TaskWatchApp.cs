using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using TaskWatch.Api;
using TaskWatch.Components;
using TaskWatch.Storage;

namespace TaskWatch.Hosting;

/// <summary>The request pipeline and start-up work, in one place.</summary>
public static class TaskWatchApp
{
    public static async Task<WebApplication> UseTaskWatchAsync(this WebApplication app)
    {
        await DatabaseInitializer.InitializeAsync(app.Services.GetRequiredService<IDbContextFactory<TaskWatchDbContext>>(), CancellationToken.None).ConfigureAwait(false);

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseAntiforgery();
        app.MapOpenApi();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapJobApi();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                Console.WriteLine($"TaskWatch is running at {address}");
            }
        });
        return app;
    }
}
