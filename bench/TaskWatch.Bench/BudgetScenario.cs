using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TaskWatch.Core;
using TaskWatch.Hosting;
using TaskWatch.Simulator;
using TaskWatch.Tracking;

namespace TaskWatch.Bench;

/// <summary>
/// Issue 15: a batch of jobs registered at once in several projects of one account with 60 calls a
/// minute, against a simulator that counts 60 calls per user in any 60 s at arrival (429 beyond).
/// Measured at the simulator: how old each running job's view is, from the end of the first minute.
/// Beside it, in the same run, the two baselines: the sweep limit (list pages to cover every running
/// job ÷ calls per second) and one single-job call per job every 10 s, as the Terraform providers wait.
/// </summary>
public sealed class BudgetScenario(BenchSize size)
{
    private const int CallsPerMinute = 60;
    private const string Account = "budget";

    private TimeSpan FirstMinute => size.Quick ? TimeSpan.FromSeconds(30) : TimeSpan.FromMinutes(1);

    private TimeSpan Measured => size.Quick ? TimeSpan.FromSeconds(20) : TimeSpan.FromSeconds(90);

    private TimeSpan BaselineMeasured => size.Quick ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(30);

    public async Task<ScenarioReport> RunAsync()
    {
        var report = new ScenarioReport("6. Budget-first polling — one account at 60 calls a minute, view ages measured at the simulator");
        await RunSizeAsync(report, rdsProjects: 3, ddsProjects: 3, jobs: size.Quick ? 60 : 200);
        await RunSizeAsync(report, rdsProjects: 5, ddsProjects: 5, jobs: size.Quick ? 200 : 1000);
        report.Note($"Each size: one account (`CallsPerMinute={CallsPerMinute}`) and its projects (half RDS, half DDS, list APIs on), every job running for the whole run (progress moves about every 30 s), all registered at once through the registrar; the simulator counts {CallsPerMinute} calls per user in any 60 s at arrival and answers the excess with 429 DBS.280443 + Retry-After. TaskWatch runs with its default polling options.");
        report.Note($"View age: for each running job, the time since the simulator last answered with it (a single read or a list row), sampled every second from the end of the first minute for {Measured.TotalSeconds:0} s, grouped in 10 s windows (the oldest figure is the largest window's oldest; p95 is the median of the windows' p95). Target (issue 15): the oldest ≤ 2 × the sweep limit, with 0 × 429.");
        report.Note($"Terraform-style baseline: the same jobs on a fresh budget window, each waited on by its own loop (10 s delay, then a single-job read every 10 s, 60 s sleep after a 429), measured the same way for {BaselineMeasured.TotalSeconds:0} s after its first minute; a job it never read counts from the start, so its oldest view is a floor (the run's length), not a steady value.");
        return report;
    }

    private async Task RunSizeAsync(ScenarioReport report, int rdsProjects, int ddsProjects, int jobs)
    {
        var label = $"{jobs:#,0} jobs, {rdsProjects + ddsProjects} projects";
        var simulator = new TaskCenterSimulator(TimeProvider.System, SimulatorCredentials.CreateRandom()) { CallsPerMinutePerUser = CallsPerMinute };
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
        for (var i = 0; i < count; i++)
        {
            var service = i < rdsProjects ? CloudService.Rds : CloudService.Dds;
            var project = simulator.AddProject(service, "eu-de");
            var name = $"budget-{service.ToString().ToLowerInvariant()}-{i}";
            var share = (jobs * (i + 1) / count) - (jobs * i / count);
            projects.Add((name, project, BenchJobs.AddRunning(simulator, project, share, TimeSpan.FromSeconds(30), 1000 + i)));
            values[$"TaskWatch:Projects:{name}:Account"] = Account;
            values[$"TaskWatch:Projects:{name}:Service"] = service.ToString();
            values[$"TaskWatch:Projects:{name}:ProjectId"] = project.ProjectId;
            values[$"TaskWatch:Projects:{name}:Region"] = "eu-de";
            values[$"TaskWatch:Projects:{name}:Endpoint"] = (service == CloudService.Rds ? simHost.RdsEndpoint : simHost.DdsEndpoint).AbsoluteUri;
            values[$"TaskWatch:Projects:{name}:ListApi"] = "true";
        }

        var all = projects.SelectMany(p => p.Jobs).ToList();
        var pages = projects.Sum(p => (p.Jobs.Count + PageSize(p.Project.Service) - 1) / PageSize(p.Project.Service));
        var sweep = pages / (CallsPerMinute / 60.0);
        var sampler = new ViewAgeSampler(all);
        simulator.Served = sampler.Served;

        var folder = RepoPaths.TempFolder();
        values["TaskWatch:Database"] = Path.Combine(folder, "taskwatch.db");
        int readInFirstMinute;
        try
        {
            await using var host = await TaskWatchHost.StartAsync([], builder => builder.Configuration.AddInMemoryCollection(values));
            var registrar = host.Services.GetRequiredService<JobRegistrar>();
            var start = DateTime.UtcNow;
            foreach (var chunk in projects.SelectMany(p => p.Jobs.Select(j => (p.Name, j.Id))).Chunk(JobRegistrar.MaxBatch))
            {
                await registrar.RegisterAsync(chunk, RegistrationSource.Api, CancellationToken.None);
            }

            await Task.Delay(start + FirstMinute - DateTime.UtcNow);
            readInFirstMinute = sampler.ServedCount;
            await sampler.SampleAsync(start, start + FirstMinute, start + FirstMinute + Measured);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            RepoPaths.DeleteQuietly(folder);
        }

        var throttledTaskWatch = simulator.Faults.Log.Count(r => r.Status == 429);
        var (listCalls, singleCalls) = (Volatile.Read(ref lists), Volatile.Read(ref singles));

        // The baseline on a fresh window of the same user, the same jobs.
        simulator.CallsPerMinutePerUser = CallsPerMinute;
        sampler.Clear();
        var baselineSampler = new ViewAgeSampler(all);
        simulator.Served = baselineSampler.Served;
        var baseline = new TerraformStyleBaseline(simHost, [.. projects.SelectMany(p => p.Jobs.Select(j => (j, p.Project)))]);
        var baselineStart = DateTime.UtcNow;
        await Task.WhenAll(
            baseline.RunAsync(FirstMinute + BaselineMeasured),
            baselineSampler.SampleAsync(baselineStart, baselineStart + FirstMinute, baselineStart + FirstMinute + BaselineMeasured));

        report.Add(Figure.EachAtMost($"{label}: oldest view of a running job, after the first minute", "s", sampler.OldestPerWindow, 2 * sweep));
        report.Add(Figure.Info($"{label}: p95 view age, after the first minute", "s", sampler.P95PerWindow));
        report.Add(Figure.EachAtMost($"{label}: 429 answers to TaskWatch", "", [throttledTaskWatch], 0));
        report.Add(Figure.Info($"{label}: calls by TaskWatch, list pages", "", [listCalls]));
        report.Add(Figure.Info($"{label}: calls by TaskWatch, single-job reads", "", [singleCalls]));
        report.Add(Figure.Info($"{label}: jobs read within the first minute (of {all.Count})", "", [readInFirstMinute]));
        report.Add(Figure.Info($"{label}: baseline, the sweep limit ({pages} pages ÷ {CallsPerMinute / 60.0:0.#} call/s)", "s", [sweep]));
        report.Add(Figure.Info($"{label}: baseline, one call per job every 10 s: oldest view after the first minute", "s", baselineSampler.OldestPerWindow.Count > 0 ? [baselineSampler.OldestPerWindow.Max()] : []));
        report.Add(Figure.Info($"{label}: baseline, one call per job every 10 s: p95 view age", "s", baselineSampler.P95PerWindow));
        report.Add(Figure.Info($"{label}: baseline, one call per job every 10 s: calls", "", [baseline.Calls]));
        report.Add(Figure.Info($"{label}: baseline, one call per job every 10 s: 429 answers", "", [baseline.Throttled]));
    }

    private static int PageSize(CloudService service) => service == CloudService.Rds ? 50 : 100;
}
