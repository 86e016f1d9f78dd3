using TaskWatch.Core;
using TaskWatch.Storage;
using TaskWatch.Tracking;
using static TaskWatch.Tests.Tracking.TrackingFixtures;

namespace TaskWatch.Tests.Tracking;

/// <summary>The due-time schedule: what is due, in which order, and that nobody starves.</summary>
public sealed class PollScheduleTests
{
    private static string Id(int n) => $"{n:x32}";

    [Fact]
    public void TakeDue_ReturnsOnlyDueJobs_AndEachOnlyOnceWhileInFlight()
    {
        var schedule = new PollSchedule();
        schedule.Add(Job(Id(1), T0, PollPhase.Active));
        schedule.Add(Job(Id(2), T0.AddSeconds(10), PollPhase.Active));

        var due = schedule.TakeDue(T0.AddSeconds(1));

        Assert.Equal([Id(1)], due.Select(j => j.Key.JobId));
        Assert.Empty(schedule.TakeDue(T0.AddSeconds(2)));
        Assert.Equal(T0.AddSeconds(10), schedule.NextDueUtc());
        Assert.Equal([Id(2)], schedule.TakeDue(T0.AddSeconds(10)).Select(j => j.Key.JobId));
    }

    [Fact]
    public void TakeDue_PutsNewJobsFirst_ThenNearlyFinished_ThenLongestWaiting()
    {
        var schedule = new PollSchedule();
        var oldest = Job(Id(1), T0, PollPhase.Active);
        var older = Job(Id(2), T0.AddSeconds(1), PollPhase.Active);
        var nearlyDone = Job(Id(3), T0.AddSeconds(2), PollPhase.Active);
        nearlyDone.Content = new JobContent(TaskWatch.Core.JobState.Running, null, 90, "x", null, null, null);
        var fresh = Job(Id(4), T0.AddSeconds(3), PollPhase.New);
        foreach (var job in new[] { older, fresh, oldest, nearlyDone })
        {
            schedule.Add(job);
        }

        var due = schedule.TakeDue(T0.AddSeconds(5));

        Assert.Equal([Id(4), Id(3), Id(1), Id(2)], due.Select(j => j.Key.JobId));
    }

    [Fact]
    public void Defer_KeepsTheJobsPlaceInLine_SoNobodyStarves()
    {
        var schedule = new PollSchedule();
        var waiting = Job(Id(1), T0, PollPhase.Active);
        schedule.Add(waiting);
        var taken = schedule.TakeDue(T0);
        // No budget now: back in line for later.
        schedule.Defer(taken, T0.AddSeconds(30));

        // Meanwhile many others become due, later than the deferred one first did.
        for (var n = 2; n <= 50; n++)
        {
            schedule.Add(Job(Id(n), T0.AddSeconds(n), PollPhase.Active));
        }

        Assert.DoesNotContain(schedule.TakeDue(T0.AddSeconds(29)), j => j.Key.JobId == Id(1));
        var next = schedule.TakeDue(T0.AddSeconds(31));
        Assert.Equal(Id(1), next[0].Key.JobId);
    }

    [Fact]
    public void RepeatedDeferral_NeverLetsLaterJobsOvertake()
    {
        var schedule = new PollSchedule();
        for (var n = 1; n <= 10; n++)
        {
            schedule.Add(Job(Id(n), T0.AddSeconds(n), PollPhase.Active));
        }

        var now = T0.AddSeconds(10);
        var served = new List<string>();
        // A budget of two calls per look: the rest are deferred each time, in their place.
        while (served.Count < 10)
        {
            var due = schedule.TakeDue(now);
            served.AddRange(due.Take(2).Select(j => j.Key.JobId));
            schedule.Defer(due.Skip(2), now.AddSeconds(1));
            now = now.AddSeconds(1);
        }

        Assert.Equal(Enumerable.Range(1, 10).Select(Id), served);
    }

    [Fact]
    public void AJobPutBackWhileItsProjectsRoundIsOut_StillWaitsForThatRound_ThoughItsDueTimeMovedOn()
    {
        // A project's oldest running job, on its last list page, comes due while the project's round is
        // out: the poller puts it back a moment later each time it looks (200 ms). The round out must
        // still count it as waiting, or it stops after the first page and leaves it for a round of
        // its own (measured: 123 s unread at 1,000 jobs, the round's pages reading the first page only).
        var schedule = new PollSchedule();
        var deep = Job(Id(1), T0, PollPhase.Active);
        deep.Content = new JobContent(JobState.Running, null, 10, "x", null, null, null);
        deep.CreatedUtc = T0.AddMinutes(-15);
        schedule.Add(deep);
        var notDue = Job(Id(2), T0.AddSeconds(30), PollPhase.Active);
        notDue.Content = deep.Content;
        notDue.CreatedUtc = T0.AddMinutes(-14);
        schedule.Add(notDue);

        var taken = schedule.TakeDue(T0);
        schedule.Defer(taken, T0.AddMilliseconds(200)); // the round is out
        var lookedAt = T0.AddMilliseconds(100);

        Assert.Equal([Id(1)], schedule.WaitingForRound("p", lookedAt).Select(j => j.Key.JobId));
        schedule.Defer(schedule.TakeDue(T0.AddMilliseconds(200)), T0.AddMilliseconds(400));
        Assert.Equal([Id(1)], schedule.WaitingForRound("p", T0.AddMilliseconds(300)).Select(j => j.Key.JobId));
    }

    [Fact]
    public void ARoundStartedByOneJobThatCameDue_TakesTheJobsPutBackWhileTheRoundBeforeWasOut()
    {
        // The poller looks when a due time passes. Jobs put back 200 ms at a time while their project's
        // round was out are due a moment later than the job that starts the next round: they go with it,
        // not after it (measured at 1,000 jobs: a round of one job went alone while 46 waited for it).
        var schedule = new PollSchedule();
        var waiting = Job(Id(1), T0, PollPhase.Active);
        waiting.Content = new JobContent(JobState.Running, null, 10, "x", null, null, null);
        waiting.CreatedUtc = T0.AddMinutes(-15);
        schedule.Add(waiting);
        var lone = Job(Id(2), T0.AddMilliseconds(100), PollPhase.Active);
        lone.Content = waiting.Content;
        lone.CreatedUtc = T0.AddMinutes(-14);
        schedule.Add(lone);
        var fresh = Job(Id(4), T0, PollPhase.New);
        schedule.Add(fresh);
        var later = Job(Id(3), T0.AddSeconds(3), PollPhase.Active);
        later.Content = waiting.Content;
        later.CreatedUtc = T0.AddMinutes(-13);
        schedule.Add(later);
        schedule.Defer(schedule.TakeDue(T0), T0.AddMilliseconds(200)); // the round before is out

        var due = schedule.TakeDue(T0.AddMilliseconds(100));
        Assert.Equal([Id(2)], due.Select(j => j.Key.JobId));

        var taken = schedule.TakeWaitingForRound("p", T0.AddMilliseconds(100), TimeSpan.FromMilliseconds(200));
        // A new job too: left out, it would find the round out at every look (measured: one unread for 86 s).
        Assert.Equal([Id(1), Id(4)], taken.Select(j => j.Key.JobId).Order());
        Assert.True(waiting.InFlight);
        // Taken once: its queue entry is stale, and the job not due yet stays for its own time.
        Assert.Empty(schedule.TakeDue(T0.AddMilliseconds(300)));
        Assert.Equal([Id(3)], schedule.TakeDue(T0.AddSeconds(3)).Select(j => j.Key.JobId));
    }

    [Fact]
    public void Remove_StopsTheJob_EvenWhenItIsQueued()
    {
        var schedule = new PollSchedule();
        var job = Job(Id(1), T0, PollPhase.Active);
        schedule.Add(job);

        Assert.True(schedule.Remove(job.Key));

        Assert.Empty(schedule.TakeDue(T0.AddDays(1)));
        Assert.Equal(PollPhase.Stopped, job.Phase);
    }
}
