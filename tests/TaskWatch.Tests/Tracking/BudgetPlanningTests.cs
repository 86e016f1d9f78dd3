using System.Globalization;
using TaskWatch.Core;
using TaskWatch.Simulator;
using TaskWatch.Tracking;

namespace TaskWatch.Tests.Tracking;

/// <summary>
/// Issue 15: the account's 60 calls a minute planned across its projects, against a simulator that
/// counts 60 calls per user in any 60 s at arrival (as the cloud does) and answers the excess with
/// 429. On a fake clock moved 200 ms at a time (see <see cref="PollerUnderTest"/>).
/// </summary>
[Collection(nameof(Reliability.HeavyCollection))]
public sealed class BudgetPlanningTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(200);

    /// <summary>Projects of one account: (name, service, list API, running jobs).</summary>
    private static async Task<(PollerUnderTest Poller, List<(string Project, string JobId)> Jobs)> StartAsync(params (string Name, CloudService Service, bool ListApi, int Jobs)[] layout) =>
        await StartAsync(slowDownUnchanged: true, layout);

    private static async Task<(PollerUnderTest Poller, List<(string Project, string JobId)> Jobs)> StartAsync(bool slowDownUnchanged, params (string Name, CloudService Service, bool ListApi, int Jobs)[] layout)
    {
        var poller = await PollerUnderTest.StartAsync((cloud, settings, projects) =>
        {
            if (!slowDownUnchanged)
            {
                // A single-read job whose progress does not move is asked for less often, up to
                // MaxRunningInterval: kept at the running interval, only the budget decides.
                settings["TaskWatch:Polling:MaxRunningInterval"] = "00:00:05";
            }

            cloud.Simulator.CallsPerMinutePerUser = 60;
            settings[$"TaskWatch:Accounts:{PollerUnderTest.Account}:Auth"] = "Token";
            settings[$"TaskWatch:Accounts:{PollerUnderTest.Account}:Token"] = cloud.Simulator.Credentials.FixedToken;
            settings[$"TaskWatch:Accounts:{PollerUnderTest.Account}:CallsPerMinute"] = "60";
            foreach (var (name, service, listApi, _) in layout)
            {
                var project = cloud.Simulator.AddProject(service, "eu-de");
                projects.Add((name, project));
                settings[$"TaskWatch:Projects:{name}:Account"] = PollerUnderTest.Account;
                settings[$"TaskWatch:Projects:{name}:Service"] = service.ToString();
                settings[$"TaskWatch:Projects:{name}:ProjectId"] = project.ProjectId;
                settings[$"TaskWatch:Projects:{name}:Region"] = "eu-de";
                settings[$"TaskWatch:Projects:{name}:Endpoint"] = (service == CloudService.Rds ? cloud.Host.RdsEndpoint : cloud.Host.DdsEndpoint).AbsoluteUri;
                settings[$"TaskWatch:Projects:{name}:ListApi"] = listApi ? "true" : "false";
            }
        });
        poller.SettleTimeout = TimeSpan.FromSeconds(30);
        var jobs = new List<(string, string)>();
        foreach (var ((name, project), count) in poller.Projects.Zip(layout.Select(l => l.Jobs)))
        {
            for (var i = 0; i < count; i++)
            {
                jobs.Add((name, poller.AddLongJob(project).Id));
            }
        }

        return (poller, jobs);
    }

    /// <summary>The oldest shown state of a running job per project.</summary>
    private static Dictionary<string, TimeSpan> OldestByProject(PollerUnderTest poller) =>
        poller.Live.Snapshot()
            .Where(v => v.State == JobState.Running && v.LastReadUtc is not null)
            .GroupBy(v => v.Key.Project)
            .ToDictionary(g => g.Key, g => g.Max(v => poller.Now - v.LastReadUtc!.Value));

    private static int Throttled(PollerUnderTest poller) => poller.Cloud.Simulator.Faults.Log.Count(r => r.Status == 429);

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>Steps the clock to <paramref name="until"/>, keeping the oldest running state seen per project.</summary>
    private static async Task<Dictionary<string, TimeSpan>> WatchAsync(PollerUnderTest poller, DateTime until)
    {
        var oldest = new Dictionary<string, TimeSpan>();
        while (poller.Now < until)
        {
            await poller.StepAsync(Step);
            foreach (var (project, age) in OldestByProject(poller))
            {
                oldest[project] = age > oldest.GetValueOrDefault(project) ? age : oldest.GetValueOrDefault(project);
            }
        }

        return oldest;
    }

    [Fact(Timeout = 300_000)]
    public async Task BatchOf200InSixProjects_IsReadByListsWithinAMinute_ThenNoRunningStateIsOlderThanTwiceTheSweep_WithNo429()
    {
        var (poller, jobs) = await StartAsync(
            ("rds-a", CloudService.Rds, true, 34), ("rds-b", CloudService.Rds, true, 33), ("rds-c", CloudService.Rds, true, 33),
            ("dds-a", CloudService.Dds, true, 34), ("dds-b", CloudService.Dds, true, 33), ("dds-c", CloudService.Dds, true, 33));
        await using var _ = poller;
        var start = poller.Now;

        await poller.RegisterAsync(jobs);
        await WatchAsync(poller, start + TimeSpan.FromMinutes(1));
        var readInFirstMinute = poller.Live.Snapshot().Count(v => v.LastReadUtc is not null);
        var oldest = await WatchAsync(poller, start + TimeSpan.FromMinutes(3));

        var paths = poller.Cloud.ApiCallPaths.ToList();
        var lists = paths.Count(p => p.EndsWith("/tasklist", StringComparison.Ordinal) || p.Contains("/v3.1/", StringComparison.Ordinal));
        output.WriteLine($"read in the first minute: {readInFirstMinute}; oldest after it per project: {string.Join(", ", oldest.Select(o => $"{o.Key} {Seconds(o.Value)} s"))}; calls {paths.Count} ({lists} list); 429s {Throttled(poller)}; most in any 60 s {poller.Cloud.MostCallsInAnyWindow(TimeSpan.FromMinutes(1))}; steps that did not settle {poller.UnsettledSteps}");
        Assert.Equal(jobs.Count, readInFirstMinute);
        // Six pages cover every running job: a sweep takes 6 s at one call a second.
        Assert.All(oldest, o => Assert.True(o.Value <= TimeSpan.FromSeconds(12), $"{o.Key}: a running state was {Seconds(o.Value)} s old"));
        Assert.Equal(0, Throttled(poller));
        Assert.InRange(poller.Cloud.MostCallsInAnyWindow(TimeSpan.FromMinutes(1)), 1, 60);
        // First reads came from lists. Single-job reads are only the detail RDS rows lack (entities), at
        // most once a job and only with budget to spare; DDS rows carry everything.
        Assert.InRange(paths.Count - lists, 0, 100);
        Assert.Equal(0, paths.Count(p => p.StartsWith("/dds/v3/", StringComparison.Ordinal) && !p.Contains("/v3.1/", StringComparison.Ordinal)));
    }

    [Fact(Timeout = 300_000)]
    public async Task ANewJobRegisteredShortlyBeforeItsProjectsRunningJobsComeDue_IsFoundOnTheirPage_NotByAPageOfItsOwn()
    {
        var (poller, jobs) = await StartAsync(("rds-a", CloudService.Rds, true, 10));
        await using var _ = poller;
        await poller.RegisterAsync(jobs);
        while (poller.Live.Snapshot().Any(v => v.LastReadUtc is null))
        {
            await poller.StepAsync(Step);
        }

        // The running jobs were just read by one page: they come due again a running interval (5 s) later.
        var lastRead = poller.Live.Snapshot().Max(v => v.LastReadUtc!.Value);
        while (poller.Now < lastRead + TimeSpan.FromSeconds(2))
        {
            await poller.StepAsync(Step);
        }

        var project = poller.Projects[0].Project;
        var fresh = poller.Cloud.Simulator.StartJob(project, ago: TimeSpan.Zero, failShare: 0) with { Duration = TimeSpan.FromHours(1), Invisible = TimeSpan.Zero };
        poller.Cloud.Simulator.Add(fresh);
        var callsBefore = poller.Cloud.ApiCallPaths.Count;
        await poller.RegisterAsync([("rds-a", fresh.Id)]);
        while (poller.Now < lastRead + TimeSpan.FromSeconds(4.8))
        {
            await poller.StepAsync(Step);
        }

        var beforeTheirRound = poller.Cloud.ApiCallPaths.Count - callsBefore;
        while (poller.Now < lastRead + TimeSpan.FromSeconds(7))
        {
            await poller.StepAsync(Step);
        }

        var view = poller.Live.Find(new JobKey("rds-a", fresh.Id));
        var calls = poller.Cloud.ApiCallPaths.Skip(callsBefore).ToList();
        output.WriteLine($"calls after the registration: {string.Join(", ", calls)}");
        Assert.Equal(0, beforeTheirRound);
        Assert.Equal(JobState.Running, view?.State);
        Assert.NotNull(view!.LastReadUtc);
        // One page read the new job and refreshed the ten (the new job's RDS entities may follow with spare budget).
        Assert.Equal(1, calls.Count(p => p.EndsWith("/tasklist", StringComparison.Ordinal)));
    }

    /// <summary>Ten running DDS jobs of one project, registered and read until each has been read once (by one page).</summary>
    private static async Task<(PollerUnderTest Poller, List<(string Project, string JobId)> Jobs, DateTime LastRead, PollSchedule Schedule)> StartTenReadByOnePageAsync()
    {
        var (poller, jobs) = await StartAsync(("dds-a", CloudService.Dds, true, 10));
        try
        {
            await poller.RegisterAsync(jobs);
            while (poller.Live.Snapshot().Any(v => v.LastReadUtc is null))
            {
                await poller.StepAsync(Step);
            }

            return (poller, jobs, poller.Live.Snapshot().Max(v => v.LastReadUtc!.Value), poller.App.Service<PollSchedule>());
        }
        catch
        {
            await poller.DisposeAsync();
            throw;
        }
    }

    [Fact(Timeout = 300_000)]
    public async Task AJobThatComesDueAMomentBeforeTheRestOfItsPage_IsReadByTheirPage_NotAloneAheadOfThem()
    {
        var (poller, jobs, lastRead, schedule) = await StartTenReadByOnePageAsync();
        await using var _ = poller;
        // The ten were read by one page and come due together a running interval (5 s) later; one of
        // them comes due 2 s before the rest (read alone once, it would keep such a place).
        var early = schedule.Find(new JobKey("dds-a", jobs[4].JobId))!;
        schedule.Defer([early], lastRead + TimeSpan.FromSeconds(3));
        var callsBefore = poller.Cloud.ApiCallPaths.Count;
        while (poller.Now < lastRead + TimeSpan.FromSeconds(7))
        {
            await poller.StepAsync(Step);
        }

        var calls = poller.Cloud.ApiCallPaths.Skip(callsBefore).ToList();
        output.WriteLine($"calls after the first reads: {string.Join(", ", calls)}");
        // Alone it would be a single read that holds its project's round at its own fresh place at the
        // budget while the rest wait behind it; it waits the 2 s for their page instead.
        Assert.Contains("/v3.1/", Assert.Single(calls), StringComparison.Ordinal);
        Assert.True(poller.Live.Find(early.Key)!.LastReadUtc > lastRead + TimeSpan.FromSeconds(3));
    }

    [Fact(Timeout = 300_000)]
    public async Task AJobWhoseRideWouldMakeItsViewTooOld_IsReadAlone_NotHeldForTheNextRound()
    {
        var (poller, jobs, lastRead, schedule) = await StartTenReadByOnePageAsync();
        await using var _ = poller;
        // One of the ten comes due a running interval (5 s) after its read; the rest of its page 4.5 s after
        // that. Riding with them, its view would be 9.5 s old before the round even left (limit 10 s): it goes alone.
        var early = schedule.Find(new JobKey("dds-a", jobs[4].JobId))!;
        schedule.Defer(jobs.Where(j => j.JobId != early.Key.JobId).Select(j => schedule.Find(new JobKey("dds-a", j.JobId))!), lastRead + TimeSpan.FromSeconds(9.5));
        schedule.Defer([early], lastRead + TimeSpan.FromSeconds(5));
        while (poller.Now < lastRead + TimeSpan.FromSeconds(7))
        {
            await poller.StepAsync(Step);
        }

        var view = poller.Live.Find(early.Key)!;
        output.WriteLine($"the early job last read {Seconds(view.LastReadUtc!.Value - lastRead)} s after the page");
        Assert.True(view.LastReadUtc >= lastRead + TimeSpan.FromSeconds(5), $"read {Seconds(view.LastReadUtc!.Value - lastRead)} s after the page: it waited for the next round");
    }

    [Fact(Timeout = 300_000)]
    public async Task ProjectWithoutListApi_AndOneJobBeside500_ShareTheBudget_NoneStarves()
    {
        var (poller, jobs) = await StartAsync(
            slowDownUnchanged: false,
            ("big", CloudService.Rds, true, 500), ("lonely", CloudService.Rds, true, 1), ("no-list", CloudService.Dds, false, 5));
        await using var _ = poller;
        var start = poller.Now;

        await poller.RegisterAsync(jobs);
        await WatchAsync(poller, start + TimeSpan.FromMinutes(1));
        var oldest = await WatchAsync(poller, start + TimeSpan.FromMinutes(3));

        output.WriteLine($"oldest after the first minute per project: {string.Join(", ", oldest.Select(o => $"{o.Key} {Seconds(o.Value)} s"))}; 429s {Throttled(poller)}");
        // A sweep is 10 pages for the 500, one read for the lonely job and five for the project without
        // a list: 16 calls, 16 s at one a second. Each project's oldest state stays within twice that.
        Assert.Equal(3, oldest.Count);
        Assert.All(oldest, o => Assert.True(o.Value <= TimeSpan.FromSeconds(32), $"{o.Key}: a running state was {Seconds(o.Value)} s old"));
        Assert.Equal(0, Throttled(poller));
    }

    [Fact(Timeout = 300_000)]
    public async Task ListThatStopsAnswering_FallsBackToSingleReads_InBudget_WithoutAStorm()
    {
        var (poller, jobs) = await StartAsync(("rds-a", CloudService.Rds, true, 20), ("rds-b", CloudService.Rds, true, 20));
        await using var _ = poller;
        await poller.RegisterAsync(jobs);
        await WatchAsync(poller, poller.Now + TimeSpan.FromMinutes(1));

        var broke = poller.Now;
        var callsBefore = poller.Cloud.ApiCallPaths.Count;
        poller.Cloud.Intercept = async ctx =>
        {
            if (!ctx.Request.Path.Value!.EndsWith("/tasklist", StringComparison.Ordinal))
            {
                return false;
            }

            await Tests.Cloud.ScriptedCloud.Answer(ctx, 503, "<html><body>503 Service Unavailable</body></html>", "text/html");
            return true;
        };
        await WatchAsync(poller, broke + TimeSpan.FromMinutes(4));

        var after = poller.Cloud.ApiCallPaths.Skip(callsBefore).ToList();
        var times = poller.Cloud.ApiCallTimes.Skip(callsBefore).Select(t => t.UtcDateTime).ToList();
        var lists = after.Count(p => p.EndsWith("/tasklist", StringComparison.Ordinal));
        var busiest10s = times.Max(t => times.Count(u => u >= t && u < t + TimeSpan.FromSeconds(10)));
        var views = poller.Live.Snapshot();
        output.WriteLine($"after the list broke: {after.Count} calls ({lists} list), busiest 10 s {busiest10s}, oldest {Seconds(poller.OldestRunningState())} s, 429s {Throttled(poller)}");
        // Every job is still refreshed, one by one: 40 jobs at one call a second.
        Assert.All(views, v => Assert.True(v.LastReadUtc > broke + TimeSpan.FromMinutes(3), $"{v.Key.JobId} last read at {v.LastReadUtc:HH:mm:ss}"));
        // Each project's broken list is tried again after 30 s, 60 s, 120 s (each try with its two
        // retries), not on every round: at most 4 tries × 3 attempts × 2 projects.
        Assert.InRange(lists, 1, 24);
        Assert.InRange(busiest10s, 1, 14);
        Assert.Equal(0, Throttled(poller));
        Assert.InRange(poller.Cloud.MostCallsInAnyWindow(TimeSpan.FromMinutes(1)), 1, 60);
    }
    [Fact(Timeout = 300_000)]
    public async Task JobsThatEnd_AreShownEndedFromListRows_WithinTwiceTheSweepPlus5s_WithoutConfirmingReads()
    {
        var (poller, jobs) = await StartAsync(("rds-a", CloudService.Rds, true, 0), ("dds-a", CloudService.Dds, true, 0));
        await using var _ = poller;
        var start = poller.Now;
        // 30 jobs a project, created 10 min ago; two thirds end over the next two minutes (every fourth of
        // those fails with a reason), the rest run on.
        var lives = new List<(string Project, SimulatedJob Job)>();
        foreach (var (name, project) in poller.Projects)
        {
            for (var i = 0; i < 30; i++)
            {
                var job = poller.AddLongJob(project, i % 3 == 2 ? TimeSpan.FromHours(10) : TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(20 + (4 * i)));
                if (i % 4 == 1)
                {
                    // It fails at 90 % of a life that ends at the same moment.
                    job = job with { Duration = job.Duration / 0.9, FailsAt = 0.9, FailReason = "createVM failed." };
                    poller.Cloud.Simulator.Add(job);
                }

                lives.Add((name, job));
            }
        }

        await poller.RegisterAsync(lives.Select(l => (l.Project, l.Job.Id)));
        var shownEnded = new Dictionary<string, DateTime>();
        while (poller.Now < start + TimeSpan.FromMinutes(3))
        {
            await poller.StepAsync(Step);
            foreach (var view in poller.Live.Snapshot().Where(v => v.State is JobState.Completed or JobState.Failed))
            {
                shownEnded.TryAdd(view.Key.JobId, poller.Now);
            }
        }

        var paths = poller.Cloud.ApiCallPaths.ToList();
        var singles = paths.Count(p => !p.EndsWith("/tasklist", StringComparison.Ordinal) && !p.Contains("/v3.1/", StringComparison.Ordinal));
        var ddsSingles = paths.Count(p => p.StartsWith("/dds/v3/", StringComparison.Ordinal));
        var ended = lives.Where(l => l.Job.EndedAt(poller.Now) is not null).ToList();
        var lags = ended.Select(l => (l.Job, Lag: shownEnded.TryGetValue(l.Job.Id, out var at) ? at - l.Job.EndedAt(poller.Now)!.Value : TimeSpan.MaxValue)).ToList();
        output.WriteLine($"{ended.Count} ended; worst shown after {Seconds(lags.Max(l => l.Lag))} s; calls {paths.Count}, single-job {singles} (of them DDS {ddsSingles}); 429s {Throttled(poller)}");
        Assert.Equal(40, ended.Count);
        // One page a project covers every job: the sweep limit is 2 s, the target 2 × 2 + 5 s.
        Assert.All(lags, l => Assert.True(l.Lag <= TimeSpan.FromSeconds(9), $"{l.Job.Id} shown ended {Seconds(l.Lag)} s after its end"));
        foreach (var (project, job) in ended)
        {
            var view = poller.Live.Find(new JobKey(project, job.Id))!;
            Assert.Equal(job.StateAt(poller.Now), view.State);
            Assert.Equal(job.EndedAt(poller.Now)!.Value, view.EndedUtc!.Value, TimeSpan.FromSeconds(1));
            Assert.Equal(job.FailsAt is null ? null : "createVM failed.", view.FailReason);
            Assert.Equal(PollPhase.Done, view.Phase);
        }

        // No confirming reads: DDS's rows carry all a single read would; single-job reads are only the
        // RDS jobs' entities (nice to have, read once a job because the budget has room).
        Assert.Equal(0, ddsSingles);
        Assert.InRange(singles, 0, lives.Count(e => e.Project == "rds-a"));
        Assert.Equal(0, Throttled(poller));
    }
}
