using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TaskWatch.Cloud;
using TaskWatch.Cloud.Dds;
using TaskWatch.Cloud.Rds;
using TaskWatch.Configuration;
using TaskWatch.Core;

namespace TaskWatch.Tests.Cloud;

/// <summary>
/// The real cloud clients with their real handler chain, built through <c>IHttpClientFactory</c>
/// by the same <see cref="CloudClientServices.AddCloudClients"/> the app calls.
/// </summary>
public sealed class CloudClientsUnderTest : IDisposable
{
    public const string Account = "acct";
    public const string ProjectName = "proj";

    private readonly ServiceProvider _services;

    public CloudClientsUnderTest(TaskWatchOptions options, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(time);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.AddCloudClients();
        _services = services.BuildServiceProvider();
        Options = options;
    }

    public TaskWatchOptions Options { get; }

    public RdsJobClient Rds => _services.GetRequiredService<RdsJobClient>();

    public DdsJobClient Dds => _services.GetRequiredService<DdsJobClient>();

    /// <summary>The service's dialect, as the poller finds it.</summary>
    public TaskCenterClient Dialect(CloudService service) => _services.GetRequiredService<TaskCenterClients>().For(service);

    public CallBudgetLimiter Budget => _services.GetRequiredService<AccountBudgets>().For(Account);

    public CloudProject Project(string name = ProjectName) => _services.GetRequiredService<ProjectCatalog>().Find(name)!;

    /// <summary>One token account and one project on <paramref name="endpoint"/>; fast retries so tests stay short.</summary>
    public static TaskWatchOptions TokenOptions(Uri endpoint, CloudService service = CloudService.Rds, string projectId = "0123456789abcdef0123456789abcdef")
    {
        var options = new TaskWatchOptions();
        options.Polling.Retries = 2;
        options.Polling.RetryDelay = TimeSpan.FromMilliseconds(10);
        options.Polling.RequestTimeout = TimeSpan.FromSeconds(5);
        options.Accounts[Account] = new AccountOptions { Auth = "Token", Token = "fixed-token-value", CallsPerMinute = 1000 };
        options.Projects[ProjectName] = new ProjectOptions
        {
            Account = Account,
            Service = service.ToString(),
            ProjectId = projectId,
            Endpoint = endpoint.AbsoluteUri,
            ListApi = true,
        };
        return options;
    }

    public void Dispose() => _services.Dispose();
}
