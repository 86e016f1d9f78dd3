using TaskWatch.Cloud.Auth;
using TaskWatch.Cloud.Http;

namespace TaskWatch.Cloud;

/// <summary>
/// Registers the task-center clients with their handler chain; the app and the tests share it, so
/// what the tests prove is what runs.
/// </summary>
public static class CloudClientServices
{
    /// <summary>Needs <c>IOptions&lt;TaskWatchOptions&gt;</c>, a <see cref="TimeProvider"/> and logging registered beside it.</summary>
    public static IServiceCollection AddCloudClients(this IServiceCollection services)
    {
        services.AddSingleton<ProjectCatalog>();
        services.AddSingleton<AccountBudgets>();
        services.AddSingleton<IamTokenCache>();
        services.AddSingleton<CloudAuthenticators>();
        services.AddTransient<CloudResilienceHandler>();
        services.AddTransient<CloudAuthHandler>();
        services.AddTransient<CallBudgetHandler>();
        services.AddTransient<AttemptTimeoutHandler>();
        services.AddHttpClient<IamTokenClient>(c => c.Timeout = TimeSpan.FromSeconds(30)).ConfigurePrimaryHttpMessageHandler(NoRedirects);
        AddJobClient<RdsJobClient>(services);
        AddJobClient<DdsJobClient>(services);
        return services;
    }

    private static void AddJobClient<TClient>(IServiceCollection services)
        where TClient : class
    {
        // Outermost first: retry → auth (one renewal) → budget (every attempt pays) → per-attempt timeout.
        // Without the factory's logging handlers: they open a log scope and time every request (two
        // handlers, thousands of polls a second) for lines that are off by default; the poller's own
        // metrics and warnings say what a poll did.
        services.AddHttpClient<TClient>(c => c.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .AddHttpMessageHandler<CloudResilienceHandler>()
            .AddHttpMessageHandler<CloudAuthHandler>()
            .AddHttpMessageHandler<CallBudgetHandler>()
            .AddHttpMessageHandler<AttemptTimeoutHandler>();
    }

    // A redirect would carry the token to an address nobody configured; TLS checks stay on.
    private static HttpMessageHandler NoRedirects() => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };
}
