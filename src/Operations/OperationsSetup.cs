using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using TaskWatch.Tracking;

namespace TaskWatch.Operations;

/// <summary>What an ops team plugs into: metrics (/metrics, OTLP), liveness and readiness, the start-up report.</summary>
public static class OperationsSetup
{
    /// <summary>The standard OpenTelemetry variable: set, metrics are also pushed there over OTLP.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private const string Live = "live";
    private const string Ready = "ready";

    public static IServiceCollection AddTaskWatchOperations(this IServiceCollection services, IConfiguration configuration)
    {
        // One MeterProvider aggregates each measurement once for both exporters.
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("taskwatch"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(PollerMetrics.MeterName);
                metrics.AddPrometheusExporter();
                if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]))
                {
                    metrics.AddOtlpExporter();
                }
            });

        // Live: the process answers and its poll loop turns (a restart helps). Ready: the database too (a restart does not).
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<PollerHealthCheck>("poller", tags: [Live, Ready])
            .AddCheck<AccountsHealthCheck>("accounts");
        services.AddHostedService<ConnectionReport>();
        return services;
    }

    public static WebApplication MapTaskWatchOperations(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Live), ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = HealthReportWriter.WriteAsync });
        // Behind the access policy like the read-only views (src/Security).
        app.MapPrometheusScrapingEndpoint();
        return app;
    }
}
