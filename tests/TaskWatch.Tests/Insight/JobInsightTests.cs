using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TaskWatch.Core;
using TaskWatch.Insight;
using TaskWatch.Storage;
using TaskWatch.Tracking;

namespace TaskWatch.Tests.Insight;

/// <summary>Overdue marking and learning as the writer drives it, on a fake clock.</summary>
public sealed class JobInsightTests
{
    private static readonly DateTime Start = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Start));

    private JobInsight NewInsight(double factor = 1.5, int stallMinutes = 15) => new(
        Options.Create(new InsightOptions { OverdueFactor = factor, StallAfter = TimeSpan.FromMinutes(stallMinutes) }),
        _clock);

    [Fact]
    public void CompletedRuns_AreLearned_AndGiveTheNextRunAnEta()
    {
        var insight = NewInsight();
        for (var i = 0; i < 3; i++)
        {
            var created = Start.AddMinutes(-60 + (i * 15));
            insight.Enrich(Change(Done($"done{i}", created, created.AddMinutes(8 + i))), Done($"done{i}", created, created.AddMinutes(8 + i)));
        }

        var running = Running("r1", Start, progress: null, lastChange: Start);
        var view = insight.Enrich(Change(running), running);
        Assert.Equal(EtaBasis.Typical, view.Eta!.Basis);
        Assert.Equal(TimeSpan.FromMinutes(9), view.Eta.Median);
        Assert.Equal(Start.AddMinutes(9), view.Eta.EtaUtc);
        Assert.False(view.IsOverdue);
    }

    [Fact]
    public void RunningPast90thPercentileTimesFactor_IsOverdue_OnlyOnceTheClockGetsThere()
    {
        var insight = NewInsight(factor: 1.5);
        Learn(insight, 10, 10, 10, 10); // p90 = 10 min → overdue after 15 min
        var running = Running("slow", Start, progress: null, lastChange: Start);

        _clock.Advance(TimeSpan.FromMinutes(14));
        Assert.False(insight.Enrich(Change(running), running).IsOverdue);

        _clock.Advance(TimeSpan.FromMinutes(2));
        var late = insight.Enrich(Change(running), running);
        Assert.True(late.IsOverdue);
        Assert.Contains("16 min", late.OverdueReason, StringComparison.Ordinal);
    }

    [Fact]
    public void ProgressNotMovingForTheStallTime_IsOverdue_EvenWithoutHistory()
    {
        var insight = NewInsight(stallMinutes: 15);
        var stuck = Running("stuck", Start, progress: 40, lastChange: Start.AddMinutes(1));

        _clock.Advance(TimeSpan.FromMinutes(15));
        Assert.False(insight.Enrich(Change(stuck), stuck).IsOverdue);

        _clock.Advance(TimeSpan.FromMinutes(2));
        var view = insight.Enrich(Change(stuck), stuck);
        Assert.True(view.IsOverdue);
        Assert.Contains("40 %", view.OverdueReason, StringComparison.Ordinal);
        Assert.Equal(EtaBasis.TooLittleHistory, view.Eta!.Basis);
    }

    [Fact]
    public void FinishedJob_LosesEtaAndOverdueMark()
    {
        var insight = NewInsight();
        var failed = Running("f", Start, 40, Start) with { State = JobState.Failed, Phase = PollPhase.Done, IsOverdue = true, OverdueReason = "x" };
        var view = insight.Enrich(Change(failed), failed);
        Assert.False(view.IsOverdue);
        Assert.Null(view.Eta);
    }

    private void Learn(JobInsight insight, params int[] minutes)
    {
        for (var i = 0; i < minutes.Length; i++)
        {
            var created = Start.AddHours(-5 + i);
            var done = Done($"h{i}", created, created.AddMinutes(minutes[i]));
            insight.Enrich(Change(done), done);
        }
    }

    private static JobView Running(string id, DateTime created, int? progress, DateTime lastChange) => new()
    {
        Key = new JobKey("p", id),
        Service = CloudService.Rds,
        Name = "RestartMysqlInstance",
        State = JobState.Running,
        Phase = PollPhase.Active,
        CreatedUtc = created,
        Progress = progress,
        LastChangeUtc = lastChange,
    };

    private static JobView Done(string id, DateTime created, DateTime ended) => Running(id, created, 100, ended) with
    {
        State = JobState.Completed,
        Phase = PollPhase.Done,
        EndedUtc = ended,
    };

    private static JobChange Change(JobView view) => new(1, view, null, null, null, view.LastChangeUtc ?? Start, 0);
}
