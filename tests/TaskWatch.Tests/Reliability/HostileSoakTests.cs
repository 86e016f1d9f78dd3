using System.Diagnostics;
using System.Globalization;
using TaskWatch.Cloud;
using TaskWatch.Configuration;
using TaskWatch.Core;
using TaskWatch.Simulator;
using TaskWatch.Tests.Tracking;
using TaskWatch.Tracking;

namespace TaskWatch.Tests.Reliability;

/// <summary>
/// The soak of issue 7 on a fake clock: the real poller, clients, writer and SQLite against the
/// simulator with every hostile mode on, both on one <c>FakeTimeProvider</c> moved a second at a
/// time (see <see cref="PollerUnderTest"/>). A steady population of jobs runs; each job that
/// TaskWatch reports done is checked against the simulator's script, then stopped and replaced,
/// so simulated time passes with jobs finishing and new ones registered while the managed heap
/// is measured. Because calls are stamped when sent, the budget and Retry-After checks are exact.
/// Longer with TASKWATCH_SOAK_JOBS (default 500).
/// </summary>
[Collection(nameof(HeavyCollection))]
public sealed class HostileSoakTests(ITestOutputHelper output)
{
    private const int CallsPerMinute = 150;
    private const int Population = 150;
    private const int NotScopedJobs = 10;
    private const long HeapGrowthBound = 2L * 1024 * 1024;
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan WarmUp = TimeSpan.FromMinutes(4);

    private static readonly (string Name, string Account, CloudService Service, bool List, Action<SimulatorHostility> Extra)[] Layout =
    [
        ("s-tok-rds", "tok", CloudService.Rds, false, h => h.LongFailReasons = true),
        ("s-pw-rds", "pw", CloudService.Rds, true, h => h.TokenLifetime = TimeSpan.FromMinutes(2)),
        ("s-aksk-rds", "aksk", CloudService.Rds, false, h => h.LongFailReasons = true),
        ("s-tok-dds", "tok2", CloudService.Dds, true, _ => { }),
        ("s-not-scoped", "nope", CloudService.Rds, false, h => h.NotScoped = true),
    ];

    [Fact]
    public async Task FiveHundredJobsAgainstAHostileCloud_OnAFakeClock_EndWithTheCloudsTruth_InBudget_HonouringRetryAfter_InFlatMemory()
    {
        var jobCount = EnvInt("TASKWATCH_SOAK_JOBS", 500);
        // Real-time watchdog: a fake clock must never let the test hang.
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        watchdog.CancelAfter(TimeSpan.FromSeconds(150) * Math.Max(1, jobCount / 500.0));
        var ct = watchdog.Token;
        var wall = Stopwatch.StartNew();

        await using var poller = await PollerUnderTest.StartAsync(Setup);
        var simulator = poller.Cloud.Simulator;
        var registrar = poller.App.Service<JobRegistrar>();
        var budgets = poller.App.Service<AccountBudgets>();
        var accountOf = Layout.ToDictionary(l => poller.Projects.Single(p => p.Name == l.Name).Project.ProjectId, l => l.Account, StringComparer.OrdinalIgnoreCase);
        var ledger = new SoakLedger(CallsPerMinute, TimeSpan.FromMinutes(1));
        var random = new Random(17);
        var start = poller.Now;

        // TaskWatch has taken in a 429 once its account's pause reaches the end of the Retry-After.
        bool PausesTakenIn()
        {
            ledger.Take(simulator.Faults);
            return ledger.PausedUntil.All(p => budgets.For(accountOf[p.Key]).PausedUntil.UtcDateTime >= p.Value);
        }

        var active = new Dictionary<string, (string Project, SimulatedJob Job)>(StringComparer.OrdinalIgnoreCase);
        var registered = 0;
        async Task RegisterAsync(IEnumerable<(string Project, SimulatedJob Job)> jobs)
        {
            var list = jobs.ToList();
            foreach (var (project, job) in list)
            {
                simulator.Add(job);
                active[job.Id] = (project, job);
            }

            var results = await registrar.RegisterAsync([.. list.Select(j => (j.Project, j.Job.Id))], RegistrationSource.Api, ct);
            Assert.All(results, r => Assert.Equal(RegistrationOutcome.Registered, r.Outcome));
        }

        var healthy = poller.Projects.Take(4).ToList();
        var (notScopedName, notScopedProject) = poller.Projects[4];
        var notScoped = Enumerable.Range(0, NotScopedJobs).Select(i => (notScopedName, NewJob(random, notScopedProject, -i - 1, poller.Now))).ToList();
        await RegisterAsync(notScoped);
        var notScopedIds = notScoped.Select(j => j.Item2.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        await RegisterAsync(Enumerable.Range(0, Math.Min(Population, jobCount)).Select(i => (healthy[i % 4].Name, NewJob(random, healthy[i % 4].Project, i, poller.Now))));
        registered = Math.Min(Population, jobCount);

        var lost = new List<string>();
        var invented = new List<string>();
        var snapshotsChecked = 0L;
        var checkedJobs = 0;
        var heap = new List<(TimeSpan At, long Bytes)>();
        var nextCheckpoint = start + WarmUp;
        var giveUpAt = start + TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(jobCount * 6);
        while (active.Count > NotScopedJobs)
        {
            ct.ThrowIfCancellationRequested();
            Assert.True(poller.Now < giveUpAt, $"{active.Count - NotScopedJobs} jobs still not done after {(poller.Now - start).TotalMinutes:0} simulated minutes");
            poller.Time.Advance(Step);
            if (!await poller.SettleAsync(PausesTakenIn) && !PausesTakenIn())
            {
                Assert.Fail($"at {poller.Now:HH:mm:ss} TaskWatch has not taken in a 429: the simulator's Retry-After ends " +
                    string.Join(", ", ledger.PausedUntil.Select(p => $"{p.Value:HH:mm:ss} for {accountOf[p.Key]} (its pause ends {budgets.For(accountOf[p.Key]).PausedUntil:HH:mm:ss})")));
            }

            ledger.Take(simulator.Faults);
            ledger.Check(poller.Now - TimeSpan.FromMinutes(1));

            // Done jobs: the cloud's truth, no invented snapshot; then stopped and replaced.
            var done = active.Values
                .Where(a => !notScopedIds.Contains(a.Job.Id) && poller.Live.Find(new JobKey(a.Project, a.Job.Id)) is { Phase: PollPhase.Done })
                .ToList();
            if (done.Count == 0)
            {
                continue;
            }

            foreach (var (project, job) in done)
            {
                var view = poller.Live.Find(new JobKey(project, job.Id))!;
                var truth = job.StateAt(poller.Now);
                if (view.State != truth || view.FailReason != job.FailReason)
                {
                    lost.Add($"{project}/{job.Id}: TaskWatch says {view.State} '{SnapshotAudit.Cut(view.FailReason)}', the cloud {truth} '{SnapshotAudit.Cut(job.FailReason)}'");
                }
            }

            var audit = await SnapshotAudit.CheckAsync(poller.App.DatabasePath, done.ToDictionary(d => d.Job.Id, d => d.Job, StringComparer.OrdinalIgnoreCase));
            invented.AddRange(audit.Invented.Take(30 - Math.Min(30, invented.Count)));
            snapshotsChecked += audit.Checked;
            foreach (var (project, job) in done)
            {
                await registrar.StopAsync(new JobKey(project, job.Id), ct);
                simulator.Remove(job.Id);
                active.Remove(job.Id);
                checkedJobs++;
            }

            var more = Math.Min(done.Count, jobCount - registered);
            if (more > 0)
            {
                await RegisterAsync(Enumerable.Range(registered, more).Select(i => (healthy[i % 4].Name, NewJob(random, healthy[i % 4].Project, i, poller.Now))));
                registered += more;
            }

            // The steady state (the population is kept up): the retained heap at each fake-time checkpoint.
            if (poller.Now >= nextCheckpoint && registered < jobCount)
            {
                nextCheckpoint = poller.Now + CheckpointEvery;
                poller.Cloud.ApiCallPaths.Clear();
                poller.Cloud.ApiCallTimes.Clear();
                heap.Add((poller.Now - start, GC.GetTotalMemory(forceFullCollection: true)));
            }
        }

        await poller.SettleAsync(PausesTakenIn);
        ledger.Take(simulator.Faults);
        ledger.Check(DateTime.MaxValue);

        // The not-scoped project: refused every time, shown as an error, never a state or a snapshot.
        var refusedShown = notScoped.Count(j => poller.Live.Find(new JobKey(j.notScopedName, j.Item2.Id)) is { State: null, LastError: not null } v && v.Phase != PollPhase.Done);
        var allSnapshots = await SnapshotAudit.CountAsync(poller.App.DatabasePath);

        var growth = heap.Count >= 2 ? heap[^1].Bytes - heap[0].Bytes : 0;
        var report = string.Create(CultureInfo.InvariantCulture,
            $"Soak: {checkedJobs} jobs checked (+{NotScopedJobs} not scoped), {ledger.Requests} requests over {(poller.Now - start).TotalMinutes:0} simulated minutes in {wall.Elapsed.TotalSeconds:0} s, " +
            $"faults injected: {ledger.FaultSummary()}, 401 after early token death {ledger.Unauthorized}; " +
            $"states lost {lost.Count}, snapshots invented {invented.Count} (of {snapshotsChecked} checked, {allSnapshots} stored), budget breaches {ledger.BudgetBreaches}, calls during Retry-After {ledger.CallsDuringRetryAfter}; " +
            $"most calls in any 60 s per project: {string.Join("/", healthy.Select(h => ledger.MostInAnyWindow(h.Project.ProjectId)))} of {CallsPerMinute}; " +
            $"heap at checkpoints (simulated min: MB): {string.Join(", ", heap.Select(h => $"{h.At.TotalMinutes:0}: {h.Bytes / 1048576.0:0.0}"))}, growth {growth / 1048576.0:0.0} MB.");
        output.WriteLine(report);

        Assert.True(lost.Count == 0, report + "\n" + string.Join('\n', lost.Take(20)));
        Assert.True(invented.Count == 0, report + "\n" + string.Join('\n', invented));
        Assert.True(ledger.BudgetBreaches == 0 && ledger.CallsDuringRetryAfter == 0, report + "\n" + string.Join('\n', ledger.Problems));
        Assert.Equal(allSnapshots, snapshotsChecked);
        Assert.Equal(NotScopedJobs, refusedShown);
        Assert.Equal(jobCount, checkedJobs);
        Assert.True(ledger.Faults.GetValueOrDefault(SimulatorFaults.RateLimited) > 0, report);
        Assert.True(ledger.Faults.GetValueOrDefault(SimulatorFaults.Malformed) > 0, report);
        Assert.True(ledger.Faults.GetValueOrDefault(SimulatorFaults.NotScoped) > 0, report);
        Assert.True(heap.Count >= 3, $"only {heap.Count} heap checkpoints: " + report);
        Assert.True(growth <= HeapGrowthBound, $"the retained heap grew by {growth / 1048576.0:0.0} MB: " + report);
    }

    private static void Setup(Tests.Cloud.SimulatedCloud cloud, Dictionary<string, string?> settings, List<(string Name, SimulatedProject Project)> projects)
    {
        var c = cloud.Simulator.Credentials;
        settings["TaskWatch:Polling:MaxErrorBackoff"] = "00:00:30";
        settings["TaskWatch:Polling:RequestTimeout"] = "00:00:10";
        settings["TaskWatch:Accounts:tok:Token"] = c.FixedToken;
        settings["TaskWatch:Accounts:tok2:Token"] = c.FixedToken;
        settings["TaskWatch:Accounts:nope:Token"] = c.FixedToken;
        settings["TaskWatch:Accounts:pw:Auth"] = "Password";
        settings["TaskWatch:Accounts:pw:IamEndpoint"] = cloud.Host.IamEndpoint.AbsoluteUri;
        settings["TaskWatch:Accounts:pw:Domain"] = c.Domain;
        settings["TaskWatch:Accounts:pw:User"] = c.User;
        settings["TaskWatch:Accounts:pw:Password"] = c.Password;
        settings["TaskWatch:Accounts:aksk:Auth"] = "AkSk";
        settings["TaskWatch:Accounts:aksk:AccessKey"] = c.AccessKey;
        settings["TaskWatch:Accounts:aksk:SecretKey"] = c.SecretKey;
        foreach (var (name, account, service, list, extra) in Layout)
        {
            var project = cloud.Simulator.AddProject(service, "eu-de");
            var hostility = new SimulatorHostility
            {
                // Latency and jitter on the simulator's (fake) clock: answers come a step later.
                LatencyMs = 5,
                LatencyJitterMs = 40,
                ServerErrorShare = 0.1,
                MaxRequestsPerSecond = 6,
                RetryAfterSeconds = 3,
                MalformedShare = 0.1,
                OddStatusShare = 0.3,
            };
            extra(hostility);
            project.Hostility = hostility;
            projects.Add((name, project));
            settings[$"TaskWatch:Accounts:{account}:CallsPerMinute"] = CallsPerMinute.ToString(CultureInfo.InvariantCulture);
            settings[$"TaskWatch:Projects:{name}:Account"] = account;
            settings[$"TaskWatch:Projects:{name}:Service"] = service.ToString();
            settings[$"TaskWatch:Projects:{name}:ProjectId"] = project.ProjectId;
            settings[$"TaskWatch:Projects:{name}:Region"] = "eu-de";
            settings[$"TaskWatch:Projects:{name}:Endpoint"] = (service == CloudService.Rds ? cloud.Host.RdsEndpoint : cloud.Host.DdsEndpoint).AbsoluteUri;
            settings[$"TaskWatch:Projects:{name}:ListApi"] = list ? "true" : "false";
        }
    }

    /// <summary>A job of one to six minutes, a third failing, some with odd status words or 10 KB reasons, unreadable for its first seconds.</summary>
    private static SimulatedJob NewJob(Random random, SimulatedProject project, int i, DateTime now)
    {
        var fails = random.NextDouble() < 0.33;
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new SimulatedJob
        {
            Id = random.Next(2) == 0 ? new Guid(bytes).ToString() : Convert.ToHexStringLower(bytes),
            ProjectId = project.ProjectId,
            Kind = SimulatedJobKind.All.First(k => k.Service == project.Service),
            InstanceId = $"{Math.Abs(i):x32}",
            InstanceName = $"soak-{i}",
            CreatedUtc = now,
            Invisible = TimeSpan.FromMilliseconds(500 + random.Next(3000)),
            Duration = TimeSpan.FromSeconds(60 + random.Next(300)),
            FailsAt = fails ? 0.2 + (0.7 * random.NextDouble()) : null,
            FailReason = fails ? (project.Hostility.LongFailReasons ? TaskCenterSimulator.LongFailReason : $"Soak failure {i} <b>not markup</b>") : null,
            ProgressStep = 1 + random.Next(10),
            StatusOverride = random.NextDouble() < project.Hostility.OddStatusShare ? (random.Next(2) == 0 ? "Pending" : "running") : null,
        };
    }

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
}
