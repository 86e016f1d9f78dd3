using TaskWatch.Core;
using TaskWatch.Live;

namespace TaskWatch.Tests.Live;

/// <summary>Waiters hear of a job's end from the live store alone: nothing else is there to call.</summary>
public sealed class JobWaitersTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    private static JobView View(string id, JobState state, PollPhase phase) => new()
    {
        Key = new JobKey("p", id),
        Service = CloudService.Rds,
        State = state,
        Phase = phase,
        Progress = state == JobState.Running ? 40 : 100,
        RegisteredUtc = DateTime.UtcNow,
    };

    [Fact]
    public async Task JobAlreadyEnded_AnswersAtOnceWithItsOutcome()
    {
        var store = new LiveJobStore(TimeProvider.System);
        using var waiters = new JobWaiters(store, TimeProvider.System);
        store.Publish([View("a", JobState.Failed, PollPhase.Done)]);

        var result = await waiters.WaitAsync(new JobKey("P", "A"), Long, TestContext.Current.CancellationToken);

        Assert.Equal(WaitOutcome.Failed, result.Outcome);
        Assert.True(result.Ended);
        Assert.Equal(0, waiters.Count);
    }

    [Fact]
    public async Task ManyWaiters_AllAnswered_WhenTheConfirmedEndIsPublished()
    {
        var store = new LiveJobStore(TimeProvider.System);
        using var waiters = new JobWaiters(store, TimeProvider.System);
        store.Publish([View("a", JobState.Running, PollPhase.Active), View("b", JobState.Running, PollPhase.Active)]);
        var onA = Enumerable.Range(0, 500).Select(_ => waiters.WaitAsync(new JobKey("p", "a"), Long, TestContext.Current.CancellationToken)).ToList();
        var onB = waiters.WaitAsync(new JobKey("p", "b"), Long, TestContext.Current.CancellationToken);

        // Seen Completed once is not yet the end: the poller confirms it with a second read.
        store.Publish([View("a", JobState.Completed, PollPhase.Confirming)]);
        store.Publish([View("a", JobState.Completed, PollPhase.Done)]);
        var results = await Task.WhenAll(onA);

        Assert.All(results, r => Assert.Equal(WaitOutcome.Completed, r.Outcome));
        Assert.All(results, r => Assert.Equal(PollPhase.Done, r.View!.Phase));
        Assert.False(onB.IsCompleted);
        store.Publish([View("b", JobState.Running, PollPhase.NotFound)]);
        Assert.Equal(WaitOutcome.NotFound, (await onB).Outcome);
        Assert.Equal(0, waiters.Count);
    }

    [Fact]
    public async Task TimeoutFirst_AnswersTimedOutWithTheCurrentView()
    {
        var store = new LiveJobStore(TimeProvider.System);
        using var waiters = new JobWaiters(store, TimeProvider.System);
        store.Publish([View("a", JobState.Running, PollPhase.Active)]);

        var result = await waiters.WaitAsync(new JobKey("p", "a"), TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);

        Assert.Equal(WaitOutcome.TimedOut, result.Outcome);
        Assert.False(result.Ended);
        Assert.Equal(40, result.View!.Progress);
        Assert.Equal(0, waiters.Count);
    }

    [Fact]
    public async Task TrackingStopped_AnswersStoppedWithTheLastView()
    {
        var store = new LiveJobStore(TimeProvider.System);
        using var waiters = new JobWaiters(store, TimeProvider.System);
        store.Publish([View("a", JobState.Running, PollPhase.Active)]);
        var wait = waiters.WaitAsync(new JobKey("p", "a"), Long, TestContext.Current.CancellationToken);

        store.Remove(new JobKey("p", "a"));

        var result = await wait;
        Assert.Equal(WaitOutcome.Stopped, result.Outcome);
        Assert.Equal(40, result.View!.Progress);
    }

    [Fact]
    public async Task CallerGoesAway_LeavesNoWaiterBehind()
    {
        var store = new LiveJobStore(TimeProvider.System);
        using var waiters = new JobWaiters(store, TimeProvider.System);
        using var cts = new CancellationTokenSource();
        var wait = waiters.WaitAsync(new JobKey("p", "a"), Long, cts.Token);
        Assert.Equal(1, waiters.Count);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.Equal(0, waiters.Count);
    }
}
