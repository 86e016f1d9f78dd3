using TaskWatch.Components.Model;
using TaskWatch.Core;
using TaskWatch.Storage;

namespace TaskWatch.Tests.Components;

/// <summary>The dashboard's rows after live changes: order, filter and count as a user sees them.</summary>
public sealed class DashboardRowsTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private static JobView Running(string id, int minutesAgo, int progress = 10, string project = "p1") => new()
    {
        Key = new JobKey(project, id),
        Service = CloudService.Rds,
        Name = "Job " + id,
        State = JobState.Running,
        Progress = progress,
        Phase = PollPhase.Active,
        CreatedUtc = Now.AddMinutes(-minutesAgo),
        RegisteredUtc = Now.AddMinutes(-minutesAgo),
    };

    private static JobView Done(JobView job, JobState state) => job with { State = state, Phase = PollPhase.Done, EndedUtc = Now, Progress = 100 };

    private static (DashboardRows Rows, Dictionary<JobKey, JobView> Store) Start(DashboardFilter filter, params JobView[] jobs)
    {
        var store = jobs.ToDictionary(j => j.Key, JobKeyComparer.Instance);
        var rows = new DashboardRows(filter);
        rows.Reset(store.Values);
        return (rows, store);
    }

    private static bool Change(DashboardRows rows, Dictionary<JobKey, JobView> store, params JobView[] changes)
    {
        foreach (var change in changes)
        {
            store[change.Key] = change;
        }

        return rows.Apply(changes.Select(c => c.Key), store.GetValueOrDefault).Any;
    }

    private static string[] Ids(DashboardRows rows) => rows.Rows.Select(r => r.Key.JobId).ToArray();

    [Fact]
    public void Reset_NoSortChosen_RunningFirstThenNewest()
    {
        var (rows, _) = Start(new(), Running("old", 30), Done(Running("done", 1), JobState.Completed), Running("new", 5));
        Assert.Equal(["new", "old", "done"], Ids(rows));
    }

    [Fact]
    public void Apply_ProgressMoves_RowKeepsItsPlaceAndShowsTheNewProgress()
    {
        var (rows, store) = Start(new(), Running("a", 1), Running("b", 2), Running("c", 3));
        Assert.True(Change(rows, store, Running("b", 2, progress: 60)));
        Assert.Equal(["a", "b", "c"], Ids(rows));
        Assert.Equal(60, rows.Rows[1].Progress);
    }

    [Fact]
    public void Apply_JobFinishes_MovesBelowTheRunningOnes()
    {
        var (rows, store) = Start(new(), Running("a", 1), Running("b", 2), Running("c", 3));
        Change(rows, store, Done(Running("a", 1), JobState.Failed));
        Assert.Equal(["b", "c", "a"], Ids(rows));
    }

    [Fact]
    public void Apply_SortedByProgress_ReordersOnProgress()
    {
        var (rows, store) = Start(new(Sort: JobSortColumn.Progress, Descending: true), Running("a", 1, 10), Running("b", 2, 50), Running("c", 3, 30));
        Assert.Equal(["b", "c", "a"], Ids(rows));
        Change(rows, store, Running("a", 1, 90));
        Assert.Equal(["a", "b", "c"], Ids(rows));
    }

    [Fact]
    public void Apply_StatusFilter_JobsComeAndGoAsTheirStateChanges()
    {
        var (rows, store) = Start(new(Status: StatusFilter.Running), Running("a", 1), Running("b", 2));
        Change(rows, store, Done(Running("a", 1), JobState.Completed), Running("c", 3));
        Assert.Equal(["b", "c"], Ids(rows));
    }

    [Fact]
    public void Apply_JobNoLongerTracked_ItsRowGoes()
    {
        var (rows, store) = Start(new(), Running("a", 1), Running("b", 2));
        store.Remove(new JobKey("p1", "a"));
        Assert.True(rows.Apply([new JobKey("p1", "a")], store.GetValueOrDefault).Any);
        Assert.Equal(["b"], Ids(rows));
    }

    [Fact]
    public void Apply_OnlyJobsOutsideTheFilterChange_NothingToRender()
    {
        var (rows, store) = Start(new(Project: "p1"), Running("a", 1), Running("x", 2, project: "p2"));
        Assert.False(Change(rows, store, Running("x", 2, progress: 80, project: "p2")));
        Assert.False(rows.Apply([new JobKey("p1", "a")], store.GetValueOrDefault).Any); // the same view again
        Assert.Equal(["a"], Ids(rows));
    }

    [Fact]
    public void Apply_OnlyThePollTimesMove_RowTakesTheNewViewButNothingToRender()
    {
        var (rows, store) = Start(new(), Running("a", 1), Running("b", 2));
        var polled = store[new JobKey("p1", "b")] with { LastReadUtc = Now, NextPollUtc = Now.AddSeconds(5), LastChangeUtc = Now };
        Assert.False(Change(rows, store, polled));
        Assert.Same(polled, rows.Rows[1]);
    }

    [Fact]
    public void Apply_EtaFromProgressMovesWithinAMinute_NothingToRender_ANewMinuteIs()
    {
        var eta = new JobEta(Now.AddMinutes(10), EtaBasis.Progress, 0, null, null);
        var (rows, store) = Start(new(), Running("a", 1) with { Eta = eta });
        Assert.False(Change(rows, store, Running("a", 1) with { Eta = eta with { EtaUtc = Now.AddMinutes(10).AddSeconds(20) } }));
        Assert.True(Change(rows, store, Running("a", 1) with { Eta = eta with { EtaUtc = Now.AddMinutes(11) } }));
    }

    [Fact]
    public void Update_TouchesAWindow_OnlyThroughItsRowsOrAMoveBeforeItsEnd()
    {
        var jobs = Enumerable.Range(0, 10).Select(i => Running("j" + i, i)).ToArray(); // j0 newest, first
        var (rows, store) = Start(new(), jobs);
        var window = rows.Rows.Take(3).ToArray(); // the page shows rows 0–2

        var below = rows.Apply([Progress(store, "j7", 50)], store.GetValueOrDefault);
        Assert.True(below.Any);
        Assert.False(below.Moves(3));
        Assert.False(below.Changes(window));

        var changed = rows.Apply([Progress(store, "j1", 50)], store.GetValueOrDefault);
        Assert.False(changed.Moves(3));
        Assert.True(changed.Changes(window));

        var arrived = Running("new", -1);
        store[arrived.Key] = arrived;
        var inserted = rows.Apply([arrived.Key], store.GetValueOrDefault);
        Assert.Equal(0, inserted.FirstMoved);
        Assert.True(inserted.Moves(3));
    }

    private static JobKey Progress(Dictionary<JobKey, JobView> store, string id, int progress)
    {
        var key = new JobKey("p1", id);
        store[key] = store[key] with { Progress = progress };
        return key;
    }

    [Fact]
    public void Apply_SameJobIdInTwoProjects_BothRowsStay()
    {
        var (rows, store) = Start(new(), Running("same", 1, project: "p1"), Running("same", 1, project: "p2"));
        Change(rows, store, Running("same", 1, progress: 70, project: "p2"));
        Assert.Equal(["p1", "p2"], rows.Rows.Select(r => r.Key.Project).Order().ToArray());
        Assert.Equal(70, rows.Rows.Single(r => r.Key.Project == "p2").Progress);
    }

    public static TheoryData<JobSortColumn?, bool, int> Orders()
    {
        var data = new TheoryData<JobSortColumn?, bool, int>();
        var seed = 1;
        foreach (var column in Enum.GetValues<JobSortColumn>().Select(c => (JobSortColumn?)c).Prepend(null))
        {
            data.Add(column, false, seed++);
            data.Add(column, true, seed++);
        }

        return data;
    }

    /// <summary>Change by change must end exactly where filtering and sorting everything again ends.</summary>
    [Theory]
    [MemberData(nameof(Orders))]
    public void Apply_RandomChanges_SameRowsAsAFullRecompute(JobSortColumn? sort, bool descending, int seed)
    {
        var random = new Random(seed);
        var filters = new[]
        {
            new DashboardFilter(Sort: sort, Descending: descending),
            new DashboardFilter(Status: StatusFilter.Running, Sort: sort, Descending: descending),
            new DashboardFilter(Project: "p2", Text: "1", Sort: sort, Descending: descending),
        };
        foreach (var filter in filters)
        {
            var store = new Dictionary<JobKey, JobView>(JobKeyComparer.Instance);
            for (var i = 0; i < 200; i++)
            {
                var job = RandomJob(random, i);
                store[job.Key] = job;
            }

            var rows = new DashboardRows(filter);
            rows.Reset(store.Values);
            for (var round = 0; round < 60; round++)
            {
                var changed = new List<JobKey>();
                for (var c = random.Next(1, 25); c > 0; c--)
                {
                    var id = random.Next(0, 260); // some new jobs, some that come back
                    var job = RandomJob(random, id);
                    if (random.Next(10) == 0)
                    {
                        store.Remove(job.Key);
                    }
                    else
                    {
                        store[job.Key] = job;
                    }

                    changed.Add(job.Key);
                }

                rows.Apply(changed, store.GetValueOrDefault);
                var expected = JobViewFilter.Apply(store.Values, filter);
                Assert.Equal(expected.Select(v => v.Key), rows.Rows.Select(v => v.Key));
                Assert.All(expected.Zip(rows.Rows), pair => Assert.Same(pair.First, pair.Second));
            }
        }
    }

    private static JobView RandomJob(Random random, int id)
    {
        JobState?[] states = [JobState.Running, JobState.Running, JobState.Completed, JobState.Failed, JobState.Unknown, null];
        var state = states[random.Next(states.Length)];
        return new JobView
        {
            Key = new JobKey(id % 3 == 0 ? "p2" : "p1", "job-" + id),
            Service = id % 2 == 0 ? CloudService.Rds : CloudService.Dds,
            // Few distinct values, so that ties (broken by the key) are common.
            Name = random.Next(4) == 0 ? null : "Name " + random.Next(5),
            InstanceName = random.Next(4) == 0 ? null : "db-" + random.Next(5),
            State = state,
            StatusWord = state is null ? null : state.ToString(),
            Progress = random.Next(3) == 0 ? null : random.Next(0, 5) * 25,
            Phase = state is JobState.Running ? PollPhase.Active : state is null ? PollPhase.Pending : PollPhase.Done,
            CreatedUtc = random.Next(5) == 0 ? null : Now.AddMinutes(-random.Next(0, 6)),
            EndedUtc = state is JobState.Completed or JobState.Failed ? Now.AddMinutes(-random.Next(0, 6)) : null,
            FailReason = state is JobState.Failed ? "reason " + random.Next(3) : null,
            RegisteredUtc = Now.AddMinutes(-random.Next(0, 6)),
        };
    }
}
