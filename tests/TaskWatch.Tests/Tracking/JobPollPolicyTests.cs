using TaskWatch.Configuration;
using TaskWatch.Core;
using TaskWatch.Tracking;
using static TaskWatch.Tests.Tracking.TrackingFixtures;

namespace TaskWatch.Tests.Tracking;

/// <summary>The poll rules, one answer at a time, on explicit times.</summary>
public sealed class JobPollPolicyTests
{
    private const string Id = "31b8ae23-c687-4d80-b7b4-42a66c9bb886";

    private static readonly PollingOptions Options = new()
    {
        RunningInterval = TimeSpan.FromSeconds(5),
        MaxRunningInterval = TimeSpan.FromSeconds(30),
        NotFoundGrace = TimeSpan.FromMinutes(2),
        NotFoundRetryInterval = TimeSpan.FromSeconds(3),
        NotFoundInterval = TimeSpan.FromMinutes(10),
        MaxErrorBackoff = TimeSpan.FromMinutes(2),
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static JobPollPolicy Policy(int seed = 1) => new(Options, new Random(seed));

    [Fact]
    public void Running_IsReadEveryRunningInterval_WhileProgressMoves()
    {
        var policy = Policy();
        var job = Job(Id, T0);
        var now = T0;
        for (var progress = 10; progress <= 50; progress += 10)
        {
            policy.Apply(job, Running(Id, progress), now);
            Assert.Equal(PollPhase.Active, job.Phase);
            Assert.Equal(now + Options.RunningInterval, job.DueUtc);
            now = job.DueUtc;
        }
    }

    [Fact]
    public void Running_WithStalledProgress_SlowsStepByStepToTheCap_AndResetsWhenItMoves()
    {
        var policy = Policy();
        var job = Job(Id, T0);
        var now = T0;
        policy.Apply(job, Running(Id, 40), now);
        var intervals = new List<TimeSpan>();
        for (var i = 0; i < 10; i++)
        {
            now = job.DueUtc;
            policy.Apply(job, Running(Id, 40), now);
            intervals.Add(job.DueUtc - now);
        }

        // Never shorter than the one before, growing until the cap, never above it.
        Assert.True(intervals[0] > Options.RunningInterval);
        Assert.All(intervals.Zip(intervals.Skip(1)), pair => Assert.True(pair.Second >= pair.First));
        Assert.Equal(Options.MaxRunningInterval, intervals[^1]);
        Assert.All(intervals, i => Assert.True(i <= Options.MaxRunningInterval));
        Assert.True(intervals.IndexOf(Options.MaxRunningInterval) >= 2, "the interval grows in steps, not at once");

        now = job.DueUtc;
        policy.Apply(job, Running(Id, 41), now);
        Assert.Equal(now + Options.RunningInterval, job.DueUtc);
    }

    [Fact]
    public void Running_WithStalledProgress_InAListedProject_ReadAlone_StaysAtTheRunningInterval()
    {
        // A job past the pages its project's rounds read is read alone; slowed down, it would show Running
        // for up to MaxRunningInterval after it ended while its project's other jobs are seconds fresh.
        var policy = Policy();
        var job = new ScheduledJob(new JobKey("p", Id), Project("p", listApi: true), 1, T0) { DueUtc = T0 };
        var now = T0;
        policy.Apply(job, Running(Id, 40), now);
        for (var i = 0; i < 5; i++)
        {
            now = job.DueUtc;
            policy.Apply(job, Running(Id, 40), now);
            Assert.Equal(now + Options.RunningInterval, job.DueUtc);
        }
    }

    [Fact]
    public void NotFound_WithinGrace_IsRetriedQuickly_ThenMarkedNotFoundAndPolledRarely()
    {
        var policy = Policy();
        var job = Job(Id, T0, registered: T0);

        policy.Apply(job, Error(ReadOutcome.NotFound), T0 + TimeSpan.FromSeconds(1));
        Assert.Equal(PollPhase.Pending, job.Phase);
        Assert.Equal(T0 + TimeSpan.FromSeconds(1) + Options.NotFoundRetryInterval, job.DueUtc);
        Assert.Null(job.LastError); // a new job that has not appeared yet is not an error

        var afterGrace = T0 + Options.NotFoundGrace + TimeSpan.FromSeconds(1);
        policy.Apply(job, Error(ReadOutcome.NotFound), afterGrace);
        Assert.Equal(PollPhase.NotFound, job.Phase);
        Assert.Equal(afterGrace + Options.NotFoundInterval, job.DueUtc);
    }

    [Fact]
    public void NotFoundThenAppears_BecomesActive()
    {
        var policy = Policy();
        var job = Job(Id, T0, registered: T0);
        policy.Apply(job, Error(ReadOutcome.NotFound), T0);
        policy.Apply(job, Running(Id, 0), T0 + TimeSpan.FromSeconds(3));

        Assert.Equal(PollPhase.Active, job.Phase);
        Assert.Equal(JobState.Running, job.Content!.State);
    }

    [Theory]
    [InlineData("Completed")]
    [InlineData("Failed")]
    public void Terminal_IsBelievedAtOnce_AndNeverReadAgain(string status)
    {
        var policy = Policy();
        var schedule = new PollSchedule();
        var job = Job(Id, T0);
        schedule.Add(job);
        Assert.Single(schedule.TakeDue(T0));
        policy.Apply(job, Running(Id, 90), T0);
        schedule.RescheduleLocked(job);

        var first = T0 + TimeSpan.FromSeconds(5);
        Assert.Single(schedule.TakeDue(first));
        policy.Apply(job, Finished(Id, status), first);
        schedule.RescheduleLocked(job);

        // The end as the single read states it: no confirming read (issue 28: one call per end is more than the budget with a thousand jobs).
        Assert.Equal(PollPhase.Done, job.Phase);
        Assert.Equal(DateTime.MaxValue, job.DueUtc);
        Assert.False(job.NeedsDetail);
        Assert.Empty(schedule.TakeDue(DateTime.MaxValue.AddDays(-1)));
        Assert.Null(schedule.NextDueUtc());
    }

    [Fact]
    public void RunningJobSeenOnlyInRowsThatLackDetail_AsksForOneReadOfIt_UntilASingleReadBringsIt()
    {
        var policy = Policy();
        var job = Job(Id, T0);
        policy.Apply(job, Running(Id, 40), T0, byList: true, rowLacksDetail: true);
        Assert.Equal(PollPhase.Active, job.Phase);
        Assert.True(job.NeedsDetail);

        // Another row changes nothing; the single read (which carries the entities) ends the wish and
        // leaves the job due with the others its list refreshes.
        policy.Apply(job, Running(Id, 45), T0 + TimeSpan.FromSeconds(5), byList: true, rowLacksDetail: true);
        Assert.True(job.NeedsDetail);
        var due = job.DueUtc;
        policy.Apply(job, Running(Id, 46), T0 + TimeSpan.FromSeconds(6), detailRead: true);
        Assert.False(job.NeedsDetail);
        Assert.Equal(due, job.DueUtc);
        Assert.Equal(46, job.Content!.Progress);

        // A service whose rows carry everything never asks.
        var dds = Job(Id, T0);
        policy.Apply(dds, Running(Id, 40), T0, byList: true, rowLacksDetail: false);
        Assert.False(dds.NeedsDetail);
    }

    [Fact]
    public void RunningJobSeenOnlyInRowsThatLackDetail_ReadAloneBecauseItWasDue_IsNotDueAgainAtOnce()
    {
        // Read alone because its place came (no list page went for it), the read is its refresh: the
        // place that has passed must not stand, or the job is read alone a second time at once
        // (measured at 1,000 jobs: two single reads in a row, each holding its project's round 20 s).
        var policy = Policy();
        var job = Job(Id, T0);
        policy.Apply(job, Running(Id, 40), T0, byList: true, rowLacksDetail: true);
        Assert.True(job.NeedsDetail);

        var readAt = job.DueUtc + TimeSpan.FromSeconds(1);
        policy.Apply(job, Running(Id, 41), readAt);

        Assert.False(job.NeedsDetail);
        Assert.Equal(readAt + Options.RunningInterval, job.DueUtc);
    }

    [Fact]
    public void FinishedJobWhoseDetailWaitsForSpareBudget_IsQueuedAtOnce_WhenSomeoneOpensItsPage()
    {
        var policy = Policy();
        var schedule = new PollSchedule();
        var job = Job(Id, T0);
        schedule.Add(job);
        Assert.Single(schedule.TakeDue(T0));
        policy.Apply(job, Finished(Id, "Completed"), T0, byList: true, rowLacksDetail: true);
        // The round found no spare budget: the detail waits well into the future.
        schedule.Defer([job], T0 + TimeSpan.FromMinutes(5));

        var opened = T0 + TimeSpan.FromSeconds(3);
        Assert.Empty(schedule.TakeDue(opened));
        Assert.True(schedule.WantDetail(job.Key, opened));
        Assert.False(schedule.WantDetail(job.Key, opened)); // asked once
        Assert.Same(job, Assert.Single(schedule.TakeDue(opened)));
        Assert.True(job.DetailWanted);

        // The single read brings it: no more wish, nothing queued.
        policy.Apply(job, Finished(Id, "Completed"), opened + TimeSpan.FromSeconds(1));
        schedule.RescheduleLocked(job);
        Assert.False(job.DetailWanted);
        Assert.False(schedule.WantDetail(job.Key, opened + TimeSpan.FromSeconds(2)));
        Assert.Empty(schedule.TakeDue(DateTime.MaxValue.AddDays(-1)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EndInAListRow_IsDoneAtOnce_LeavingOnlyDetailTheRowLacksAsANiceToHaveRead(bool detail)
    {
        var policy = Policy();
        var schedule = new PollSchedule();
        var job = Job(Id, T0);
        schedule.Add(job);
        Assert.Single(schedule.TakeDue(T0));
        policy.Apply(job, Running(Id, 40), T0, byList: true);
        schedule.RescheduleLocked(job);

        var ended = T0 + TimeSpan.FromSeconds(5);
        Assert.Single(schedule.TakeDue(ended));
        policy.Apply(job, Finished(Id, "Failed"), ended, byList: true, rowLacksDetail: detail);
        schedule.RescheduleLocked(job);

        Assert.Equal(PollPhase.Done, job.Phase);
        Assert.Equal(JobState.Failed, job.Content!.State);
        Assert.Equal(detail, job.NeedsDetail);
        Assert.Equal(detail ? 1 : 0, schedule.TakeDue(ended).Count);
        if (detail)
        {
            policy.Apply(job, Finished(Id, "Failed"), ended + TimeSpan.FromSeconds(1));
            schedule.RescheduleLocked(job);
            Assert.Equal(PollPhase.Done, job.Phase);
            Assert.False(job.NeedsDetail);
            Assert.Null(schedule.NextDueUtc());
        }
    }

    [Theory]
    [InlineData(ReadOutcome.ServerError)]
    [InlineData(ReadOutcome.Timeout)]
    [InlineData(ReadOutcome.Malformed)]
    [InlineData(ReadOutcome.Unreachable)]
    public void Errors_BackOffExponentiallyWithJitter_UpToTheCap_KeepingTheLastGoodState(ReadOutcome outcome)
    {
        var waits = new List<TimeSpan>();
        for (var seed = 0; seed < 20; seed++)
        {
            var policy = Policy(seed);
            var job = Job(Id, T0);
            policy.Apply(job, Running(Id, 30), T0);
            var good = job.Content;
            var now = T0 + TimeSpan.FromSeconds(5);
            for (var n = 1; n <= 12; n++)
            {
                policy.Apply(job, Error(outcome), now);
                var wait = job.DueUtc - now;
                var raw = TimeSpan.FromTicks(Math.Min(Options.RunningInterval.Ticks << (n - 1), Options.MaxErrorBackoff.Ticks));
                Assert.InRange(wait, raw * 0.8, Min(raw * 1.2, Options.MaxErrorBackoff));
                Assert.True(wait <= Options.MaxErrorBackoff, $"wait {wait} after {n} errors is above the cap");
                if (n == 1)
                {
                    waits.Add(wait);
                }

                Assert.Equal(good, job.Content);
                Assert.Equal(T0, job.LastReadUtc);
                Assert.Equal(T0 + TimeSpan.FromSeconds(5), job.ErrorSinceUtc);
                Assert.Equal(outcome, job.LastError!.Outcome);
                now = job.DueUtc;
            }

            var view = ScheduledJobFactory.ViewOf(job, null, null, null);
            Assert.True(view.IsStale);
            Assert.Equal(30, view.Progress);

            policy.Apply(job, Running(Id, 35), now);
            Assert.Null(job.LastError);
            Assert.Equal(0, job.ConsecutiveErrors);
            Assert.False(ScheduledJobFactory.ViewOf(job, null, null, null).IsStale);
        }

        Assert.True(waits.Distinct().Count() > 10, "jitter spreads the retries of many jobs");
    }

    [Fact]
    public void Throttled_WaitsRetryAfter_OrTheDefault()
    {
        var policy = Policy();
        var job = Job(Id, T0);
        policy.Apply(job, Error(ReadOutcome.Throttled, TimeSpan.FromSeconds(42)), T0);
        Assert.Equal(T0 + TimeSpan.FromSeconds(42), job.DueUtc);

        policy.Apply(job, Error(ReadOutcome.Throttled), T0);
        Assert.Equal(T0 + JobPollPolicy.DefaultThrottleWait, job.DueUtc);
    }

    [Fact]
    public void KnownRunningJobThatDisappears_KeepsItsState_AndIsPolledRarely()
    {
        var policy = Policy();
        var job = Job(Id, T0, registered: T0.AddDays(-40));
        policy.Apply(job, Running(Id, 70), T0);
        var known = job.Content;

        policy.Apply(job, Error(ReadOutcome.NotFound), T0.AddSeconds(5));

        Assert.Equal(known, job.Content);
        Assert.Equal(PollPhase.NotFound, job.Phase);
        Assert.Equal(T0.AddSeconds(5) + Options.NotFoundInterval, job.DueUtc);
        var view = ScheduledJobFactory.ViewOf(job, null, null, null);
        Assert.Equal(70, view.Progress);
        Assert.Equal("Running (no longer found)", view.StatusText);
    }

    [Fact]
    public void KnownFinishedJobThatDisappears_IsDone_AndKeepsItsState()
    {
        var policy = Policy();
        var job = Job(Id, T0, registered: T0.AddDays(-40));
        policy.Apply(job, Finished(Id), T0);

        policy.Apply(job, Error(ReadOutcome.NotFound), T0.AddSeconds(5));

        Assert.Equal(PollPhase.Done, job.Phase);
        Assert.Equal(JobState.Completed, job.Content!.State);
        Assert.Equal(DateTime.MaxValue, job.DueUtc);
    }
}
