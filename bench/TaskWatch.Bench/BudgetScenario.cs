using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TaskWatch.Core;
using TaskWatch.Hosting;
using TaskWatch.Simulator;
using TaskWatch.Tracking;

namespace TaskWatch.Bench;

/// <summary>
/// Issues 15 and 28: a batch of jobs registered at once in several projects of one account with 60
/// calls a minute, against a simulator that counts 60 calls per user in any 60 s at arrival (429
/// beyond), the jobs living real lives (<see cref="JobLifeMix.Real"/>: created over the last quarter of
/// an hour, most ending within minutes, a fifth failing, some running for hours or never ending) and
/// new ones appearing and registered through the run. Measured at the simulator from the end of the
/// first minute: how old the view of each job TaskWatch can only show as running is (ended since its
/// last read included), how long after its end an ended job was answered ended, and the calls of
/// every minute in which some view was older than the polling interval. Beside it, in the same run,
/// the two baselines: the sweep limit (unfiltered list pages to cover every job of the window ÷ calls
/// per second) and one single-job call per job every 10 s, as the Terraform providers wait.
/// </summary>
public sealed class BudgetScenario(BenchSize size, IReadOnlyCollection<int>? onlyJobs = null)
{
    private const int CallsPerMinute = 60;
    private const string Account = "budget";

    /// <summary>Jobs were created over this span before the run, and keep appearing at the same rate through it.</summary>
    private static readonly TimeSpan CreatedOver = TimeSpan.FromMinutes(15);

    private TimeSpan FirstMinute => size.Quick ? TimeSpan.FromSeconds(30) : TimeSpan.FromMinutes(1);

    private TimeSpan Measured => size.Quick ? TimeSpan.FromSeconds(40) : TimeSpan.FromMinutes(5);

    /// <summary>Ends are counted up to this long before the run's end, so each had the time its target allows to be shown.</summary>
    private TimeSpan EndsCountedUntilBeforeEnd => size.Quick ? TimeSpan.FromSeconds(15) : TimeSpan.FromMinutes(1);

    private TimeSpan BaselineMeasured => size.Quick ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(30);

    private static TimeSpan Interval => new TaskWatch.Configuration.PollingOptions().RunningInterval;

    public async Task<ScenarioReport> RunAsync()
    {
        var report = new ScenarioReport("6. Budget-first polling — one account at 60 calls a minute, jobs that live and end, measured at the simulator");
        // --budget-jobs 200 or 1000 runs one size (while looking for a cause); the document's runs have both.
        if (onlyJobs is null || onlyJobs.Contains(200))
        {
            await RunSizeAsync(report, rdsProjects: 3, ddsProjects: 3, jobs: size.Quick ? 60 : 200);
        }

        if (onlyJobs is null || onlyJobs.Contains(1000))
        {
            await RunSizeAsync(report, rdsProjects: 5, ddsProjects: 5, jobs: size.Quick ? 200 : 1000);
        }

        report.Note($"Each size: one account (`CallsPerMinute={CallsPerMinute}`) and its projects (half RDS, half DDS, list APIs on); the jobs live as `JobLifeMix.Real` says (about half complete 20 s to 10 min after creation, a fifth fail within that span with a reason, a fifth run 1 to 4 h, a tenth never end), created over the {CreatedOver.TotalMinutes:0} minutes before the run (some have ended by then) and registered at once through the registrar; new jobs appear through the run at the same rate (jobs ÷ {CreatedOver.TotalMinutes:0} a minute, `JobArrivals`), each registered as it starts (the cloud shows it 3 to 6 s later). The simulator counts {CallsPerMinute} calls per user in any 60 s at arrival and answers the excess with 429 DBS.280443 + Retry-After. TaskWatch runs with its default polling options (running interval {Interval.TotalSeconds:0} s).");
        report.Note($"View age: for each job TaskWatch can only show as running (never answered ended by the simulator, visible in the cloud), the time since the simulator last answered with it (a single read or a list row; never answered: since it became visible or was registered), so a job that ended after its last read counts from that read. Sampled every second from the end of the first minute for {Measured.TotalMinutes:0.#} min, grouped in 10 s windows (the oldest figure is the largest window's oldest; p95 is the median of the windows' p95). Target (issue 28): the oldest ≤ max(10 s, 2 × the sweep limit), with 0 × 429.");
        report.Note("Sweep limit: per project, the unfiltered list pages (RDS 50 rows, DDS 100) that cover every job created since the oldest one shown as running (running jobs and those that ended since), summed over the projects, ÷ 1 call/s; sampled every second, the largest is the one the targets use.");
        report.Note($"End shown: for every job that ended from the end of the first minute to {EndsCountedUntilBeforeEnd.TotalSeconds:0} s before the run's end, the time from its end to the first answer of the simulator that carried it ended (status, failure reason and end time are in every such answer); p99 and worst, target 2 × the sweep limit + 5 s. At the run's end TaskWatch's own view of every job answered ended is checked against the simulator's (status, end time to the second, failure reason).");
        report.Note($"Budget use: the calls that arrived at the simulator in each whole minute of the measured time in which some view was older than the running interval ({Interval.TotalSeconds:0} s); target each ≥ 90 % of {CallsPerMinute}.");
        report.Note($"Terraform-style baseline: the jobs registered at the start, on a fresh budget window, each waited on by its own loop (10 s delay, then a single-job read every 10 s, 60 s sleep after a 429), running jobs' view ages measured the same way as before issue 28 for {BaselineMeasured.TotalSeconds:0} s after its first minute; a job it never read counts from the start, so its oldest view is a floor (the run's length), not a steady value.");
        return report;
    }

    private async Task RunSizeAsync(ScenarioReport report, int rdsProjects, int ddsProjects, int jobs)
    {
        var label = $"{jobs:#,0} jobs, {rdsProjects + ddsProjects} projects";
        var simulator = new TaskCenterSimulator(TimeProvider.System, SimulatorCredentials.CreateRandom(), seed: 28 + jobs) { CallsPerMinutePerUser = CallsPerMinute };
        var lists = 0;
        var singles = 0;
        await using var simHost = await SimulatorHost.StartAsync(simulator, app => app.Use(next => http =>
        {
            var path = http.Request.Path.Value ?? string.Empty;
            if (path.EndsWith("/tasklist", StringComparison.Ordinal) || path.Contains("/v3.1/", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref lists);
            }
            else if (!path.StartsWith("/iam", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref singles);
            }

            return next(http);
        }));

        var values = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["TaskWatch:Demo:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            [$"TaskWatch:Accounts:{Account}:Auth"] = "Token",
            [$"TaskWatch:Accounts:{Account}:Token"] = simulator.Credentials.FixedToken,
            [$"TaskWatch:Accounts:{Account}:CallsPerMinute"] = CallsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var projects = new List<(string Name, SimulatedProject Project, List<SimulatedJob> Jobs)>();
        var count = rdsProjects + ddsProjects;
        var random = new Random(1000 + jobs);
        for (var i = 0; i < count; i++)
        {
            var service = i < rdsProjects ? CloudService.Rds : CloudService.Dds;
            var project = simulator.AddProject(service, "eu-de");
            var name = $"budget-{service.ToString().ToLowerInvariant()}-{i}";
            var share = (jobs * (i + 1) / count) - (jobs * i / count);
            projects.Add((name, project, [.. Enumerable.Range(0, share).Select(_ => simulator.StartJob(project, JobLifeMix.Real, ago: CreatedOver * random.NextDouble()))]));
            values[$"TaskWatch:Projects:{name}:Account"] = Account;
            values[$"TaskWatch:Projects:{name}:Service"] = service.ToString();
            values[$"TaskWatch:Projects:{name}:ProjectId"] = project.ProjectId;
            values[$"TaskWatch:Projects:{name}:Region"] = "eu-de";
            values[$"TaskWatch:Projects:{name}:Endpoint"] = (service == CloudService.Rds ? simHost.RdsEndpoint : simHost.DdsEndpoint).AbsoluteUri;
            values[$"TaskWatch:Projects:{name}:ListApi"] = "true";
        }

        var nameOf = projects.ToDictionary(p => p.Project.ProjectId, p => p.Name, StringComparer.OrdinalIgnoreCase);
        var all = projects.SelectMany(p => p.Jobs).ToList();
        var sampler = new JobLifeSampler(Interval, CallsPerMinute / 60.0);
        simulator.Served = sampler.Served;
        Func<SimulatedJob, string>? describe = null;
        sampler.Describe = job => describe?.Invoke(job) ?? string.Empty;

        var folder = RepoPaths.TempFolder();
        values["TaskWatch:Database"] = Path.Combine(folder, "taskwatch.db");
        int readInFirstMinute;
        DateTime measureFrom;
        DateTime measureTo;
        var mismatches = new List<string>();
        var arrived = 0;
        try
        {
            await using var host = await TaskWatchHost.StartAsync([], builder => builder.Configuration.AddInMemoryCollection(values));
            var registrar = host.Services.GetRequiredService<JobRegistrar>();
            var schedule = host.Services.GetRequiredService<PollSchedule>();
            describe = job => Described(schedule, nameOf[job.ProjectId], job);
            var start = DateTime.UtcNow;
            foreach (var (_, project, projectJobs) in projects)
            {
                projectJobs.ForEach(j => sampler.Registered(j, project, start));
            }

            foreach (var chunk in projects.SelectMany(p => p.Jobs.Select(j => (p.Name, j.Id))).Chunk(JobRegistrar.MaxBatch))
            {
                await registrar.RegisterAsync(chunk, RegistrationSource.Api, CancellationToken.None);
            }

            measureFrom = start + FirstMinute;
            measureTo = measureFrom + Measured;
            using var stopArrivals = new CancellationTokenSource();
            var arrivals = new JobArrivals(simulator, [.. projects.Select(p => p.Project)], JobLifeMix.Real, jobs / CreatedOver.TotalMinutes, seed: jobs).RunAsync(async (project, job) =>
            {
                Interlocked.Increment(ref arrived);
                sampler.Registered(job, project, DateTime.UtcNow);
                await registrar.RegisterAsync([(nameOf[project.ProjectId], job.Id)], RegistrationSource.Api, CancellationToken.None);
            }, stopArrivals.Token);

            await Task.Delay(measureFrom - DateTime.UtcNow);
            readInFirstMinute = all.Count(sampler.WasServed);
            await sampler.SampleAsync(measureFrom, measureTo, CancellationToken.None);
            await stopArrivals.CancelAsync();
            await arrivals;

            // TaskWatch's own view of every end the simulator answered: the true status, end and reason.
            var live = host.Services.GetRequiredService<TaskWatch.Live.LiveJobStore>();
            var now = DateTime.UtcNow;
            foreach (var job in simulator.Jobs.Where(j => j.EndedAt(now) is not null && !sampler.EndedUnshown(now).Contains(j)))
            {
                var view = live.Find(new JobKey(nameOf[job.ProjectId], job.Id));
                var ended = job.EndedAt(now)!.Value;
                if (view is null || view.State != job.StateAt(now) || view.EndedUtc is not { } shownEnd
                    || Math.Abs((shownEnd - ended).TotalSeconds) >= 1 || (view.FailReason ?? string.Empty) != (job.FailReason is null || job.StateAt(now) != JobState.Failed ? string.Empty : job.FailReason))
                {
                    mismatches.Add(job.Id);
                }
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            RepoPaths.DeleteQuietly(folder);
        }

        var endShown = sampler.EndShownAfter(measureFrom, measureTo - EndsCountedUntilBeforeEnd, measureTo);
        var log = simulator.Faults.Log.ToList();
        var throttledTaskWatch = log.Count(r => r.Status == 429);
        var callsPerMinute = Enumerable.Range(0, sampler.BehindPerMinute.Count)
            .Select(m => (Behind: sampler.BehindPerMinute[m], Calls: log.Count(r => r.ArrivedUtc >= measureFrom.AddMinutes(m) && r.ArrivedUtc < measureFrom.AddMinutes(m + 1))))
            .ToList();
        var (listCalls, singleCalls) = (Volatile.Read(ref lists), Volatile.Read(ref singles));
        var sweep = sampler.LargestSweepLimit;
        var viewTarget = Math.Max(10, 2 * sweep);
        var endTarget = (2 * sweep) + 5;

        // The baseline on a fresh window of the same user, the jobs registered at the start.
        simulator.CallsPerMinutePerUser = CallsPerMinute;
        var baselineSampler = new ViewAgeSampler(all);
        simulator.Served = baselineSampler.Served;
        var baseline = new TerraformStyleBaseline(simHost, [.. projects.SelectMany(p => p.Jobs.Select(j => (j, p.Project)))]);
        var baselineStart = DateTime.UtcNow;
        await Task.WhenAll(
            baseline.RunAsync(FirstMinute + BaselineMeasured),
            baselineSampler.SampleAsync(baselineStart, baselineStart + FirstMinute, baselineStart + FirstMinute + BaselineMeasured));

        report.Note($"{label}: the job behind the oldest view, {sampler.OldestDescribed}.");
        report.Add(Figure.EachAtMost($"{label}: oldest view of a job shown as running (ended since its last read included), after the first minute", "s", sampler.OldestPerWindow, viewTarget));
        report.Add(Figure.Info($"{label}: p95 view age, after the first minute", "s", sampler.P95PerWindow));
        report.Add(Figure.Percentile($"{label}: ended job answered ended after its end, p99 (of {endShown.Count} ends)", "s", endShown, 99, endTarget));
        report.Add(Figure.EachAtMost($"{label}: ended job answered ended after its end, worst", "s", endShown.Count > 0 ? [endShown.Max()] : [], endTarget));
        report.Add(Figure.EachAtMost($"{label}: ended jobs TaskWatch shows with another status, end or reason than the cloud's, at the run's end", "", [mismatches.Count], 0));
        report.Add(Figure.EachAtMost($"{label}: 429 answers to TaskWatch", "", [throttledTaskWatch], 0));
        report.Add(Figure.EachAtLeast($"{label}: calls in each minute in which some view was older than {Interval.TotalSeconds:0} s ({callsPerMinute.Count(m => m.Behind)} of {callsPerMinute.Count} minutes)", "", [.. callsPerMinute.Where(m => m.Behind).Select(m => (double)m.Calls)], 0.9 * CallsPerMinute));
        report.Add(Figure.Info($"{label}: calls in each measured minute", "", [.. callsPerMinute.Select(m => (double)m.Calls)]));
        report.Add(Figure.Info($"{label}: calls by TaskWatch, list pages", "", [listCalls]));
        report.Add(Figure.Info($"{label}: calls by TaskWatch, single-job reads", "", [singleCalls]));
        report.Add(Figure.Info($"{label}: new jobs that appeared and were registered through the run", "", [arrived]));
        report.Add(Figure.Info($"{label}: jobs answered within the first minute (of {all.Count})", "", [readInFirstMinute]));
        report.Add(Figure.Info($"{label}: baseline, the sweep limit (largest in the run, at 1 call/s)", "s", [sweep]));
        report.Add(Figure.Info($"{label}: baseline, one call per job every 10 s: oldest view of a running job after the first minute", "s", baselineSampler.OldestPerWindow.Count > 0 ? [baselineSampler.OldestPerWindow.Max()] : []));
        report.Add(Figure.Info($"{label}: baseline, one call per job every 10 s: p95 view age", "s", baselineSampler.P95PerWindow));
        report.Add(Figure.Info($"{label}: baseline, one call per job every 10 s: calls", "", [baseline.Calls]));
        report.Add(Figure.Info($"{label}: baseline, one call per job every 10 s: 429 answers", "", [baseline.Throttled]));
    }

    /// <summary>Where a job stood in TaskWatch's schedule, and where on its project's list (newest first).</summary>
    private static string Described(PollSchedule schedule, string project, SimulatedJob job)
    {
        var now = DateTime.UtcNow;
        var running = schedule.AllOfProject(project).Where(j => j.ListReadable && j.CreatedUtc is not null).OrderByDescending(j => j.CreatedUtc).ToList();
        var place = running.FindIndex(j => j.Key.JobId == job.Id);
        if (schedule.Find(new JobKey(project, job.Id)) is not { } s)
        {
            return $"{project}, not in the schedule";
        }

        lock (schedule.Sync)
        {
            return FormattableString.Invariant(
                $"{project}, created {(now - job.CreatedUtc).TotalSeconds:0} s ago ({job.StateAt(now)} at the cloud), {place + 1} of {running.Count} running by creation (newest first), phase {s.Phase}, in flight {s.InFlight}, due {(s.DueUtc == DateTime.MaxValue ? "never" : $"{(s.DueUtc - now).TotalSeconds:0} s")}, last read {(s.LastReadUtc is { } r ? $"{(now - r).TotalSeconds:0} s ago" : "never")}, waiting since {(s.WaitingSinceUtc is { } w ? $"{(now - w).TotalSeconds:0} s" : "—")}");
        }
    }
}
