using TaskWatch.Cloud;
using Microsoft.Extensions.Time.Testing;
using TaskWatch.Core;
using TaskWatch.Live;

namespace TaskWatch.Tests.Live;

/// <summary>The live feed: batched per subscriber, never slowed by one, silent after dispose.</summary>
public sealed class LiveJobStoreTests
{
    private static JobView View(string id, int progress) => new()
    {
        Key = new JobKey("p", id),
        Service = CloudService.Rds,
        State = JobState.Running,
        Progress = progress,
        RegisteredUtc = DateTime.UtcNow,
    };

    /// <summary>
    /// On a fake clock, so that a loaded machine cannot make it fail: the real-time version measured the
    /// gaps where the callbacks ran, which a busy scheduler can bring closer than the batches were cut.
    /// </summary>
    [Fact(Timeout = 120_000)]
    public async Task ManyQuickChanges_ArriveAsFewBatches_WithTheLatestViewPerJob()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(60));
        var start = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        var store = new LiveJobStore(time);
        var batches = new List<IReadOnlyList<JobView>>();
        using var subscription = store.Subscribe(batch =>
        {
            lock (batches)
            {
                batches.Add(batch);
            }

            return Task.CompletedTask;
        });

        for (var i = 0; i <= 50; i++)
        {
            store.Publish([View("a", i), View("b", 100 - i)]);
            time.Advance(TimeSpan.FromMilliseconds(5));
            await Task.Delay(1, cts.Token);
        }

        Dictionary<string, int?> Last()
        {
            lock (batches)
            {
                return batches.SelectMany(b => b).GroupBy(v => v.Key.JobId).ToDictionary(g => g.Key, g => g.Last().Progress);
            }
        }

        while (Last() is not { Count: 2 } last || last["a"] != 50 || last["b"] != 50)
        {
            time.Advance(TimeSpan.FromMilliseconds(20));
            await Task.Delay(10, cts.Token);
        }

        lock (batches)
        {
            // At most one batch per 100 ms of the clock: 51 publishes 5 ms apart make a handful of batches.
            var allowed = (int)((time.GetUtcNow() - start) / LiveJobStore.BatchInterval) + 1;
            Assert.InRange(batches.Count, 1, allowed);
        }
    }

    [Fact]
    public async Task ASlowSubscriber_DoesNotSlowPublishing_NorTheOthers()
    {
        var store = new LiveJobStore(TimeProvider.System);
        var release = new TaskCompletionSource();
        using var slow = store.Subscribe(_ => release.Task);
        var fastSeen = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var fast = store.Subscribe(batch =>
        {
            if (batch.Any(v => v.Progress == 999))
            {
                fastSeen.TrySetResult(batch.Count);
            }

            return Task.CompletedTask;
        });

        // Publish is synchronous: that it returns at all while the slow subscriber is blocked is the point.
        for (var i = 0; i < 1000; i++)
        {
            store.Publish([View("job" + (i % 10), i)]);
        }

        var fastBatch = await fastSeen.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        release.SetResult();
        Assert.InRange(fastBatch, 1, 10); // the latest view per job, not 1,000 views
        Assert.Equal(10, store.Count);
    }

    [Fact]
    public async Task AfterDispose_NoMoreBatches()
    {
        var store = new LiveJobStore(TimeProvider.System);
        var calls = 0;
        var subscription = store.Subscribe(_ =>
        {
            Interlocked.Increment(ref calls);
            return Task.CompletedTask;
        });
        Assert.Equal(1, store.SubscriberCount);
        subscription.Dispose();
        Assert.Equal(0, store.SubscriberCount);
        store.Publish([View("a", 1)]);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Equal(0, Volatile.Read(ref calls));
    }

    [Fact(Timeout = 120_000)]
    public async Task AChangeAfterAQuietInterval_ArrivesWithoutWaitingAnInterval_ThenOneBatchPerInterval()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(60));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var store = new LiveJobStore(time);
        var batches = System.Threading.Channels.Channel.CreateUnbounded<IReadOnlyList<JobView>>();
        using var subscription = store.Subscribe(batch =>
        {
            batches.Writer.TryWrite(batch);
            return Task.CompletedTask;
        });

        // The fake clock does not move: the first change must not wait for it.
        store.Publish([View("a", 1)]);
        var first = await batches.Reader.ReadAsync(cts.Token);
        Assert.Equal(1, Assert.Single(first).Progress);

        // A second change within the interval waits for the rest of it, then comes alone.
        store.Publish([View("a", 2)]);
        store.Publish([View("a", 3)]);
        IReadOnlyList<JobView>? second;
        while (!batches.Reader.TryRead(out second))
        {
            time.Advance(TimeSpan.FromMilliseconds(20));
            await Task.Delay(20, cts.Token);
        }

        Assert.Equal(3, Assert.Single(second).Progress);
        Assert.True(time.GetUtcNow() >= new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero) + LiveJobStore.BatchInterval, "the second batch came before the interval was over");
    }

    [Fact]
    public async Task Remove_SubscribersHearOfIt_AndTheStoreNoLongerKnowsTheJob()
    {
        var store = new LiveJobStore(TimeProvider.System);
        store.Publish([View("a", 40), View("b", 10)]);
        var heard = new TaskCompletionSource<IReadOnlyList<JobView>>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = store.Subscribe(batch =>
        {
            heard.TrySetResult(batch);
            return Task.CompletedTask;
        });

        store.Remove(new JobKey("p", "a"));
        var batch = await heard.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal("a", Assert.Single(batch).Key.JobId);
        Assert.Null(store.Find(new JobKey("p", "a")));
        Assert.Equal(1, store.Count);
    }

    /// <summary>The store's running tally must say what counting every job afresh says, change after change.</summary>
    [Fact]
    public void Counters_AfterRandomChangesAndRemovals_AsCountingEveryJob()
    {
        var now = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
        var store = new LiveJobStore(TimeProvider.System);
        var random = new Random(7);
        JobState?[] states = [JobState.Running, JobState.Running, JobState.Completed, JobState.Failed, JobState.Unknown, null];
        PollPhase[] phases = [PollPhase.Active, PollPhase.Confirming, PollPhase.Done, PollPhase.NotFound, PollPhase.Pending, PollPhase.Stopped];
        for (var round = 0; round < 300; round++)
        {
            var id = "job" + random.Next(60);
            if (random.Next(8) == 0)
            {
                // Also in another case: keys compare without case, as the cloud treats them.
                store.Remove(new JobKey("p", random.Next(2) == 0 ? id : id.ToUpperInvariant()));
            }
            else
            {
                store.Publish([new JobView
                {
                    Key = new JobKey("p", random.Next(2) == 0 ? id : id.ToUpperInvariant()),
                    Service = CloudService.Dds,
                    State = states[random.Next(states.Length)],
                    Phase = phases[random.Next(phases.Length)],
                    LastError = random.Next(3) == 0 ? "timeout" : null,
                    IsOverdue = random.Next(4) == 0,
                    EndedUtc = random.Next(2) == 0 ? now.AddHours(-random.Next(48)) : null,
                    RegisteredUtc = now.AddHours(-random.Next(48)),
                }]);
            }

            Assert.Equal(JobCounters.From(store.Snapshot(), now), store.Counters(now));
        }
    }
}
