using TaskWatch.Core;
using TaskWatch.Tracking.Leases;

namespace TaskWatch.Tests.Tracking;

/// <summary>
/// A change another instance stored, applied to the view this instance shows, gives what reading the row would
/// (ScheduledJobFactory.FromRow): what is carried replaces, what is not stays, a Stopped phase shows as New, a finished
/// job has no next poll and any other is due no later than now, and the error text is made of outcome and text.
/// </summary>
public sealed class JobRowChangeTests
{
    private static readonly DateTime Now = new(2026, 12, 5, 4, 0, 0, DateTimeKind.Utc);

    private static readonly JobView Shown = new()
    {
        Key = new JobKey("p", "j"), Service = CloudService.Rds, Region = "eu-de", Name = "CreateMysqlInstance", State = JobState.Running,
        Progress = 40, CreatedUtc = Now.AddMinutes(-5), InstanceId = "in-01", InstanceName = "orders-db", Phase = PollPhase.Active,
        RegisteredUtc = Now.AddMinutes(-5), LastReadUtc = Now.AddSeconds(-5), NextPollUtc = Now, LastChangeUtc = Now.AddSeconds(-5),
        Ack = new JobAck("ops", Now.AddMinutes(-1), "looking"),
    };

    [Fact]
    public void WhatIsCarriedReplaces_WhatIsNotStays()
    {
        var view = new JobRowChange { Progress = new(55), LastChangeUtc = new(Now), LastReadUtc = new(Now) }.ApplyTo(Shown, Now);

        Assert.Equal(Shown with { Progress = 55, LastChangeUtc = Now, LastReadUtc = Now }, view);
    }

    [Fact]
    public void AnEnd_ShowsNoNextPoll_AndTheFailureAsCarried()
    {
        var view = new JobRowChange
        {
            State = new(JobState.Failed), Phase = new(PollPhase.Done), EndedUtc = new(Now), FailReason = new("Disk full, \"retry\"\n"), NextPollUtc = new(Now.AddSeconds(5)),
        }.ApplyTo(Shown, Now);

        Assert.Equal((JobState.Failed, PollPhase.Done, (DateTime?)Now, "Disk full, \"retry\"\n", (DateTime?)null), (view.State!.Value, view.Phase, view.EndedUtc, view.FailReason, view.NextPollUtc));
    }

    [Fact]
    public void ANextPollLaterThanNow_IsShownAsNow_AnEarlierAsCarried()
    {
        Assert.Equal(Now, JobRowChange.PollTimes(Now, Now.AddSeconds(30)).ApplyTo(Shown, Now).NextPollUtc);
        Assert.Equal(Now.AddSeconds(-3), JobRowChange.PollTimes(Now, Now.AddSeconds(-3)).ApplyTo(Shown, Now).NextPollUtc);
        Assert.Null(JobRowChange.PollTimes(Now, Now.AddSeconds(-3)).ApplyTo(Shown with { Phase = PollPhase.Done }, Now).NextPollUtc);
    }

    [Fact]
    public void AStoppedPhase_ShowsAsNew()
    {
        Assert.Equal(PollPhase.New, new JobRowChange { Phase = new(PollPhase.Stopped) }.ApplyTo(Shown, Now).Phase);
    }

    [Fact]
    public void TheErrorText_IsMadeOfOutcomeAndText_AndClearedWithIt()
    {
        var failing = new JobRowChange { LastError = new(new StoredError(ReadOutcome.Throttled, "HTTP 429 DBS.280443: too many")) }.ApplyTo(Shown, Now);
        var unknownOutcome = new JobRowChange { LastError = new(new StoredError(null, "timeout")) }.ApplyTo(Shown, Now);
        var cleared = new JobRowChange { LastError = new(new StoredError(null, null)) }.ApplyTo(failing, Now);

        Assert.Equal(("Throttled: HTTP 429 DBS.280443: too many", ReadOutcome.Throttled), (failing.LastError, failing.LastErrorOutcome));
        Assert.Equal(("Rejected: timeout", ReadOutcome.Rejected), (unknownOutcome.LastError, unknownOutcome.LastErrorOutcome));
        Assert.Equal((null, null), (cleared.LastError, cleared.LastErrorOutcome));
    }

    [Fact]
    public void ARowWithoutState_ShowsNoContent()
    {
        var view = new JobRowChange { State = new(null) }.ApplyTo(Shown, Now);

        Assert.Equal((null, null, null, null), (view.State, view.Name, view.Progress, view.FailReason));
        Assert.Equal("in-01", view.InstanceId);
    }

    [Fact]
    public void OnlyPollTimes_IsToldApartFromAChange()
    {
        Assert.True(JobRowChange.PollTimes(Now, null).IsPollTimesOnly);
        Assert.False(JobRowChange.PollTimes(Now, null).CarriesContent);
        Assert.False((JobRowChange.PollTimes(Now, null) with { ConsecutiveErrors = new(1) }).IsPollTimesOnly);
        Assert.True((JobRowChange.PollTimes(Now, null) with { Progress = new(1) }).CarriesContent);
    }
}
