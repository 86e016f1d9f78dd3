using Microsoft.Extensions.Http.Resilience;
using Refit;
using TaskWatch.Cloud.Auth;
using TaskWatch.Cloud.Dds;
using TaskWatch.Cloud.Ddm;
using TaskWatch.Cloud.GaussDb;
using TaskWatch.Cloud.GeminiDb;
using TaskWatch.Cloud.Http;
using TaskWatch.Cloud.Rds;
using TaskWatch.Cloud.TaurusDb;
using TaskWatch.Cloud.Wire;

namespace TaskWatch.Cloud;

/// <summary>
/// Registers the cloud clients (Refit interfaces, one per API) with their handler chain; the app
/// and the tests share it, so what the tests prove is what runs.
/// </summary>
public static class CloudClientServices
{
    /// <summary>Needs <c>IOptions&lt;TaskWatchOptions&gt;</c>, a <see cref="TimeProvider"/> and logging registered beside it.</summary>
    public static IServiceCollection AddCloudClients(this IServiceCollection services)
    {
        services.AddSingleton<ProjectCatalog>();
        services.AddSingleton<AccountBudgets>();
        services.AddSingleton<EndpointGates>();
        services.AddSingleton<IamTokenCache>();
        services.AddSingleton<CloudAuthenticators>();
        services.AddTransient<EndpointHandler>();
        services.AddTransient<CloudAuthHandler>();
        services.AddTransient<CallBudgetHandler>();
        services.AddTransient<EndpointGateHandler>();
        services.AddTransient<ResponseBufferingHandler>();
        services.AddRefitGeneratedClient<IIamApi>(Settings())
            .ConfigureHttpClient(c => (c.BaseAddress, c.Timeout) = (CloudRequest.Unrouted, TimeSpan.FromSeconds(30)))
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .AddHttpMessageHandler<EndpointHandler>()
            .AddHttpMessageHandler<ResponseBufferingHandler>();
        services.AddTransient<IamTokenClient>();
        services.AddSingleton<TaskCenterClients>();

        // One line per service: its Refit interface and its dialect (src/Cloud/README.md, "How to add a service").
        services.AddDialect<IRdsApi, RdsJobClient>();
        services.AddDialect<IDdsApi, DdsJobClient>();
        services.AddDialect<ITaurusDbApi, TaurusDbJobClient>();
        services.AddDialect<IGaussDbApi, GaussDbJobClient>();
        services.AddDialect<IGeminiDbApi, GeminiDbJobClient>();
        services.AddDialect<IDdmApi, DdmJobClient>();
        return services;
    }

    /// <summary>Registers a service's Refit interface with the shared handler chain and its dialect in <see cref="TaskCenterClients"/>.</summary>
    public static IServiceCollection AddDialect<TApi, TClient>(this IServiceCollection services)
        where TApi : class
        where TClient : TaskCenterClient
    {
        AddJobApi<TApi>(services);
        services.AddTransient<TClient>();
        services.AddTransient<TaskCenterClient>(sp => sp.GetRequiredService<TClient>());
        return services;
    }

    private static void AddJobApi<TApi>(IServiceCollection services)
        where TApi : class
    {
        // Outermost first: endpoint → call (total timeout, retry, breaker per endpoint) → auth (one
        // renewal) → budget (every attempt pays) → endpoint's places (held on the wire only) → attempt timeout →
        // body read.
        // Without the factory's logging handlers: they open a log scope and time every request (two
        // handlers, thousands of polls a second) for lines that are off by default; the poller's own
        // metrics and warnings say what a poll did.
        var name = typeof(TApi).Name;
        var client = services.AddRefitGeneratedClient<TApi>(Settings())
            .ConfigureHttpClient(c => (c.BaseAddress, c.Timeout) = (CloudRequest.Unrouted, Timeout.InfiniteTimeSpan))
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .AddHttpMessageHandler<EndpointHandler>();
        client.AddResilienceHandler($"{name}-call", CloudResilience.ConfigureCall).SelectPipelineByAuthority();
        client.AddHttpMessageHandler<CloudAuthHandler>()
            .AddHttpMessageHandler<CallBudgetHandler>()
            .AddHttpMessageHandler<EndpointGateHandler>();
        client.AddResilienceHandler($"{name}-attempt", CloudResilience.ConfigureAttempt);
        client.AddHttpMessageHandler<ResponseBufferingHandler>();
    }

    private static RefitSettings Settings()
    {
        var settings = RefitSettings.ForJsonContext(CloudJsonContext.Default);
        // Transport failures come out as they are (HttpRequestException, Polly's timeout and
        // breaker exceptions) for TaskCenterClient to classify; no Refit exception leaves Cloud,
        // and none carries a request (an IAM body holds a password).
        settings.TransportExceptionFactory = (_, exception, _) => exception;
        settings.CaptureRequestContent = false;
        settings.Buffered = true;
        return settings;
    }

    // A redirect would carry the token to an address nobody configured; TLS checks stay on.
    private static HttpMessageHandler NoRedirects() => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };
}
