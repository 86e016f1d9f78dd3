using System.Threading.RateLimiting;
using Microsoft.Extensions.Time.Testing;
using TaskWatch.Cloud;

namespace TaskWatch.Tests.Cloud;

/// <summary>The account's budget: where a call sits in the window, and who gets the next place.</summary>
public sealed class CallBudgetLimiterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public void SlowAnswers_HoldTheirPlaceFromTheAnswer_SoTheCloudNeverCounts61()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        using var budget = new CallBudgetLimiter(60, TimeSpan.FromMinutes(1), time);
        var out10s = new Queue<(DateTimeOffset AnswerAt, RateLimitLease Lease)>();

        // One call a second for a minute, each answered 10 s after it was granted.
        for (var second = 0; second < 60; second++)
        {
            var lease = budget.AttemptAcquire();
            Assert.True(lease.IsAcquired, $"call {second} was refused");
            out10s.Enqueue((time.GetUtcNow() + TimeSpan.FromSeconds(10), lease));
            time.Advance(TimeSpan.FromSeconds(1));
            while (out10s.TryPeek(out var first) && first.AnswerAt <= time.GetUtcNow())
            {
                out10s.Dequeue().Lease.Dispose();
            }
        }

        // 60 s after the first call was sent, but only 50 s after its answer: the cloud may have counted it at 10 s.
        Assert.False(budget.AttemptAcquire().IsAcquired);
        Assert.Equal(60, budget.UsedInWindow());
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(budget.AttemptAcquire().IsAcquired);
        time.Advance(TimeSpan.FromSeconds(1)); // a minute after the first answer
        Assert.True(budget.AttemptAcquire().IsAcquired);
    }

    [Fact(Timeout = 60_000)]
    public async Task WaitingCalls_AreServedOldestViewFirst_NotInTheOrderTheyAsked()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        using var budget = new CallBudgetLimiter(60, TimeSpan.FromMinutes(1), time);
        while (budget.AttemptAcquire() is { IsAcquired: true } burst)
        {
            burst.Dispose(); // use up the burst
        }

        var now = time.GetUtcNow().UtcDateTime;
        var fresh = AcquireAsync(budget, staleSinceUtc: now.AddSeconds(-2));
        var stale = AcquireAsync(budget, staleSinceUtc: now.AddSeconds(-30));
        time.Advance(TimeSpan.FromSeconds(1.1)); // one place, a second later
        var first = await Task.WhenAny(fresh, stale);

        Assert.Same(stale, first);
        Assert.False(fresh.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1.1));
        Assert.True((await fresh).IsAcquired);
    }

    /// <summary>As the poller asks: the key set inside the async method that makes the call.</summary>
    private static async Task<RateLimitLease> AcquireAsync(CallBudgetLimiter budget, DateTime staleSinceUtc)
    {
        CallPriority.Enter(staleSinceUtc);
        return await budget.AcquireAsync(1, Ct);
    }
}
