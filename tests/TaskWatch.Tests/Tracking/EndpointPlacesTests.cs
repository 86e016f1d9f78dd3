using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaskWatch.Cloud;
using TaskWatch.Configuration;
using TaskWatch.Core;
using TaskWatch.Live;
using TaskWatch.Tests.Cloud;
using TaskWatch.Tracking;

namespace TaskWatch.Tests.Tracking;

/// <summary>
/// Two accounts' projects on one regional endpoint with one place for calls in flight (MaxConcurrencyPerEndpoint 1),
/// read as the poller reads them (<see cref="TaskCenterCalls"/>, the real client and handler chain, a real server on
/// loopback): a call waiting for its own account's budget holds no place of the endpoint, so the other account's
/// call, whose budget is free, is answered while it waits. (Issue 32: at 100 accounts on one instance, calls waiting
/// at their budgets held the endpoint's 8 places and one account's views went 64 s unread.)
/// </summary>
public sealed class EndpointPlacesTests
{
    private const string JobId = "31b8ae23-c687-4d80-b7b4-42a66c9bb886";

    [Fact(Timeout = 120_000)]
    public async Task ACallWaitingForItsAccountsBudget_DoesNotKeepAnotherAccountsCallToTheSameEndpointWaiting()
    {
        var ct = TestContext.Current.CancellationToken;
        var body = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ApiExamples", "rds-reboot.json"));
        await using var cloud = await ScriptedCloud.StartAsync(ctx => ScriptedCloud.Answer(ctx, 200, body));
        var options = CloudClientsUnderTest.TokenOptions(new Uri(cloud.BaseUri, "rds"));
        options.Polling.MaxConcurrency = 1;
        options.Polling.MaxConcurrencyPerEndpoint = 1;
        // One call a minute: after its first call the account waits about a minute for the next.
        options.Accounts[CloudClientsUnderTest.Account].CallsPerMinute = 1;
        options.Accounts["other"] = new AccountOptions { Auth = "Token", Token = "other-token-value", CallsPerMinute = 60 };
        options.Projects["other-proj"] = new ProjectOptions
        {
            Account = "other", Service = nameof(CloudService.Rds), ProjectId = "fedcba9876543210fedcba9876543210", Endpoint = new Uri(cloud.BaseUri, "rds").AbsoluteUri, ListApi = true,
        };
        using var clients = new CloudClientsUnderTest(options, TimeProvider.System);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new PollerMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), new LiveJobStore(TimeProvider.System), new AccountBudgets(Options.Create(options), TimeProvider.System));
        var calls = new TaskCenterCalls(metrics);

        Task<JobReadResult> ReadAsync(CloudProject project, CancellationToken token) =>
            calls.CallAsync(project, "detail", DateTime.UtcNow, t => clients.Rds.GetJobAsync(project, JobId, t), r => r.Outcome, token);

        var (slow, other) = (clients.Project(), clients.Project("other-proj"));
        Assert.Equal(ReadOutcome.Job, (await ReadAsync(slow, ct)).Outcome);
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var waiting = ReadAsync(slow, giveUp.Token);

        var answered = ReadAsync(other, ct);
        var first = await Task.WhenAny(answered, Task.Delay(TimeSpan.FromSeconds(30), ct));

        Assert.Same(answered, first);
        Assert.Equal(ReadOutcome.Job, (await answered).Outcome);
        Assert.False(waiting.IsCompleted, "the first account's second call should still wait for its budget");
        Assert.Equal(2, cloud.Hits);

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(2, cloud.Hits);
    }
}
