using Microsoft.Extensions.Time.Testing;
using TaskWatch.Cloud.Http;
using TaskWatch.Configuration;
using TaskWatch.Core;

namespace TaskWatch.Tests.Cloud;

/// <summary>
/// What the standard resilience handler adds over the old hand-written retry: Retry-After on a
/// 5xx, a circuit breaker per endpoint and a total timeout. Real servers on loopback; attempts are
/// counted at the server.
/// </summary>
public sealed class CloudResilienceTests
{
    private const string JobId = "31b8ae23-c687-4d80-b7b4-42a66c9bb886";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Example(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ApiExamples", name));

    [Fact(Timeout = 120_000)]
    public async Task ServerErrorWithRetryAfter_IsRetriedWhenItEnds_NotAtTheBackOff()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var seen = new System.Collections.Concurrent.ConcurrentQueue<DateTimeOffset>();
        await using var cloud = await ScriptedCloud.StartAsync(ctx =>
        {
            seen.Enqueue(time.GetUtcNow());
            return seen.Count == 1
                ? ScriptedCloud.Answer(ctx, 503, string.Empty, headers: new Dictionary<string, string> { ["Retry-After"] = "3" })
                : ScriptedCloud.Answer(ctx, 200, Example("rds-reboot.json"));
        });
        using var clients = new CloudClientsUnderTest(CloudClientsUnderTest.TokenOptions(new Uri(cloud.BaseUri, "rds")), time);

        var read = clients.Rds.GetJobAsync(clients.Project(), JobId, Ct);
        // The fake clock moves in small steps until the retry has come (the back-off alone is 10 ms).
        await AdvanceUntilAsync(time, () => read.IsCompleted, TimeSpan.FromMilliseconds(100));
        var result = await read;

        Assert.Equal(ReadOutcome.Job, result.Outcome);
        var attempts = seen.ToArray();
        Assert.Equal(2, attempts.Length);
        Assert.True(attempts[1] - attempts[0] >= TimeSpan.FromSeconds(3), $"the retry came {(attempts[1] - attempts[0]).TotalSeconds} s after the 503, before its Retry-After");
    }

    [Fact(Timeout = 120_000)]
    public async Task ServerErrorWithARetryAfterLongerThanAnAttempt_IsNotRetried()
    {
        await using var cloud = await ScriptedCloud.StartAsync(ctx =>
            ScriptedCloud.Answer(ctx, 503, string.Empty, headers: new Dictionary<string, string> { ["Retry-After"] = "3600" }));
        using var clients = new CloudClientsUnderTest(CloudClientsUnderTest.TokenOptions(new Uri(cloud.BaseUri, "rds")), TimeProvider.System);

        var result = await clients.Rds.GetJobAsync(clients.Project(), JobId, Ct);

        Assert.Equal(ReadOutcome.ServerError, result.Outcome);
        Assert.Equal(1, cloud.Hits);
    }

    [Fact(Timeout = 120_000)]
    public async Task RepeatedServerErrors_OpenTheBreakerOfThatEndpoint_WhileAnotherEndpointIsStillCalled()
    {
        await using var failing = await ScriptedCloud.StartAsync(ctx => ScriptedCloud.Answer(ctx, 502, string.Empty));
        await using var healthy = await ScriptedCloud.StartAsync(ctx => ScriptedCloud.Answer(ctx, 200, Example("rds-reboot.json")));
        var options = CloudClientsUnderTest.TokenOptions(new Uri(failing.BaseUri, "rds"));
        options.Projects["other"] = new ProjectOptions
        {
            Account = CloudClientsUnderTest.Account,
            Service = nameof(CloudService.Rds),
            ProjectId = "fedcba9876543210fedcba9876543210",
            Endpoint = new Uri(healthy.BaseUri, "rds").AbsoluteUri,
        };
        using var clients = new CloudClientsUnderTest(options, TimeProvider.System);

        // Every read is 1 + Retries attempts, all failing: enough for the breaker's minimum throughput.
        var reads = (CloudResilience.BreakerMinimumThroughput / (1 + options.Polling.Retries)) + 1;
        for (var i = 0; i < reads; i++)
        {
            await clients.Rds.GetJobAsync(clients.Project(), JobId, Ct);
        }

        var hitsWhenOpen = failing.Hits;
        var refused = await clients.Rds.GetJobAsync(clients.Project(), JobId, Ct);
        var other = await clients.Rds.GetJobAsync(clients.Project("other"), JobId, Ct);

        Assert.Equal(ReadOutcome.Unreachable, refused.Outcome);
        Assert.Contains("paused", refused.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(hitsWhenOpen, failing.Hits);
        Assert.Equal(ReadOutcome.Job, other.Outcome);
    }

    [Fact(Timeout = 120_000)]
    public async Task CallStuckOnAnExhaustedBudget_EndsAtTheTotalTimeout_AsTimeout()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cloud = await ScriptedCloud.StartAsync(ctx => ScriptedCloud.Answer(ctx, 200, Example("rds-reboot.json")));
        var options = CloudClientsUnderTest.TokenOptions(new Uri(cloud.BaseUri, "rds"));
        using var clients = new CloudClientsUnderTest(options, time);
        // The cloud said "not before an hour from now": the call waits on the budget, not on the wire.
        clients.Budget.PauseUntil(time.GetUtcNow() + TimeSpan.FromHours(1));

        var read = clients.Rds.GetJobAsync(clients.Project(), JobId, Ct);
        await AdvanceUntilAsync(time, () => read.IsCompleted, TimeSpan.FromSeconds(1));
        var result = await read;

        Assert.Equal(ReadOutcome.Timeout, result.Outcome);
        Assert.Equal(0, cloud.Hits);
    }

    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> done, TimeSpan step)
    {
        // Bounded in fake time (10 simulated minutes), so a broken pipeline fails the test instead of hanging it.
        var limit = time.GetUtcNow() + TimeSpan.FromMinutes(10);
        while (!done())
        {
            Assert.True(time.GetUtcNow() < limit, "the call did not end within 10 simulated minutes");
            time.Advance(step);
            await Task.Delay(5, Ct);
        }
    }
}
