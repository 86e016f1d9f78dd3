using TaskWatch.Cloud;
using TaskWatch.Core;

namespace TaskWatch.Tests.Cloud;

/// <summary>
/// A call that may use only spare budget (a finished RDS job's entities: detail, not truth) through the
/// real client and handler chain: sent when a place is free, and otherwise not sent at all, rather than
/// queued behind the account's stale views (where it held its poll round while the account was behind).
/// </summary>
public sealed class SpareBudgetCallTests
{
    private const string JobId = "31b8ae23-c687-4d80-b7b4-42a66c9bb886";

    [Fact(Timeout = 120_000)]
    public async Task ASpareCall_IsSentWhenAPlaceIsFree_AndNotSentAtAllWhenOtherCallsWaitOrTheBudgetIsSpent()
    {
        var body = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ApiExamples", "rds-reboot.json"));
        await using var cloud = await ScriptedCloud.StartAsync(ctx => ScriptedCloud.Answer(ctx, 200, body));
        var options = CloudClientsUnderTest.TokenOptions(new Uri(cloud.BaseUri, "rds"));
        // 2 calls a minute: one place at once, the next about 30 s later.
        options.Accounts[CloudClientsUnderTest.Account].CallsPerMinute = 2;
        using var clients = new CloudClientsUnderTest(options, TimeProvider.System);
        var project = clients.Project();
        var ct = TestContext.Current.CancellationToken;

        async Task<JobReadResult> SpareReadAsync()
        {
            CallPriority.Enter(CallPriority.Spare);
            return await clients.Rds.GetJobAsync(project, JobId, ct);
        }

        async Task<JobReadResult> ReadAsync(DateTime staleSince, CancellationToken token)
        {
            CallPriority.Enter(staleSince);
            return await clients.Rds.GetJobAsync(project, JobId, token);
        }

        // A free place: the spare call goes out and answers the job.
        var first = await SpareReadAsync();
        Assert.Equal(ReadOutcome.Job, first.Outcome);
        Assert.Equal(1, cloud.Hits);

        // The budget is spent for now: the spare call is refused without reaching the cloud.
        await Assert.ThrowsAsync<NoSpareBudgetException>(SpareReadAsync);
        Assert.Equal(1, cloud.Hits);

        // A stale view's call waits for the next place; a spare call meanwhile is still refused, and
        // the waiting call keeps its place (it is the one the next free place goes to).
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var waiting = ReadAsync(DateTime.UtcNow.AddMinutes(-1), giveUp.Token);
        await Assert.ThrowsAsync<NoSpareBudgetException>(SpareReadAsync);
        Assert.Equal(1, clients.Budget.Waiting);
        Assert.Equal(1, cloud.Hits);
        Assert.False(waiting.IsCompleted);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
