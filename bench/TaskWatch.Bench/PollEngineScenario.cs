using System.Diagnostics;
using TaskWatch.Configuration;
using TaskWatch.Core;
using TaskWatch.Simulator;
using TaskWatch.Tracking;

namespace TaskWatch.Bench;

/// <summary>
/// Scenario 1: N running jobs on the in-process simulator, polled by the real poller (real clients
/// and handlers, schedule, SQLite writes) at a demand of <see cref="BenchSize.PollRate"/> polls/s;
/// then the bare-loop baseline against the same simulator in the same process.
/// </summary>
public sealed class PollEngineScenario(BenchSize size)
{
    public async Task<ScenarioReport> RunAsync()
    {
        var report = new ScenarioReport($"1. Poll engine — {size.PollJobs:#,0} running jobs, {size.PollRate:#,0} polls/s demanded");
        var simulator = new TaskCenterSimulator(TimeProvider.System, SimulatorCredentials.CreateRandom());
        var recorder = new PollArrivalRecorder();
        await using var simHost = await SimulatorHost.StartAsync(simulator, app => app.Use(next => http => recorder.InvokeAsync(http, () => next(http))));
        var rds = simulator.AddProject(CloudService.Rds, "eu-de");
        var dds = simulator.AddProject(CloudService.Dds, "eu-de");
        recorder.MapProject(rds.ProjectId, BenchApp.RdsProject);
        recorder.MapProject(dds.ProjectId, BenchApp.DdsProject);

        var interval = TimeSpan.FromSeconds(size.PollJobs / size.PollRate);
        // Progress moves one step per ten intervals: about one read in ten sees a new value.
        var stepEvery = interval * 10;
        var jobs = BenchJobs.AddRunning(simulator, rds, size.PollJobs / 2, stepEvery, 1)
            .Concat(BenchJobs.AddRunning(simulator, dds, size.PollJobs - (size.PollJobs / 2), stepEvery, 2))
            .ToList();

        var cpuPerPollApp = new List<double>();
        var donePercent = new List<double>();
        var dueShare = new List<double>();
        var lateP99 = new List<double>();
        var allocPerPollApp = new List<double>();
        var heapGrowth = new List<double>();
        var changedShare = new List<double>();
        var polling = new PollingOptions();
        await using (var app = await BenchApp.StartAsync(simHost, rds, dds, interval))
        {
            // Registered a tenth at a time over one interval: each job's first read sets its place in
            // every later interval, so jobs registered all at once come due all at once, every interval
            // (a burst above the demanded rate, then a lull), however fast the first reads happen to be.
            // RDS and DDS alternate, so both endpoints (each with its own concurrency) share every part.
            var ids = jobs
                .Select(j => (Project: j.ProjectId == rds.ProjectId ? BenchApp.RdsProject : BenchApp.DdsProject, j.Id))
                .GroupBy(j => j.Project)
                .SelectMany(g => g.Select((j, i) => (Job: j, Order: i)))
                .OrderBy(j => j.Order)
                .Select(j => j.Job)
                .ToList();
            var registering = Stopwatch.StartNew();
            var parts = 10;
            for (var part = 0; part < parts; part++)
            {
                var wait = (interval * part / parts) - registering.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                await app.RegisterAsync(ids.Skip(ids.Count * part / parts).Take((ids.Count * (part + 1) / parts) - (ids.Count * part / parts)));
            }

            var metrics = app.Service<PollerMetrics>();
            // Warm-up: every job read once (New → Running) and then once more as a running job, so
            // that the poll path has run thousands of times (tiered JIT at full optimisation) and the
            // schedule has settled to one read per job per interval before any window is measured.
            var warm = Stopwatch.StartNew();
            while (metrics.TotalPolls < size.PollJobs * 1.5 && warm.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(200);
            }

            await Task.Delay(interval);
            recorder.Attach(app.Service<PollSchedule>());
            using var sampler = size.AllocationProfile ? new AllocationSampler() : null;
            // Each window's polls are tallied a little after it ends (polls due at its very end go out
            // then), while the next window runs: the tally's CPU is a few milliseconds in the next one.
            var grace = TimeSpan.FromSeconds(3);
            var tallies = new List<Task<PollTally>>();
            for (var window = 0; window < size.PollWindows; window++)
            {
                var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
                var polls0 = metrics.TotalPolls;
                var cpu0 = PollArrivalRecorder.ProcessCpu();
                var alloc0 = GC.GetTotalAllocatedBytes(precise: false);
                var changes0 = await CountSnapshotsAsync(app);
                var from = DateTime.UtcNow;
                var clock = Stopwatch.StartNew();
                await Task.Delay(size.PollWindow);
                var seconds = clock.Elapsed.TotalSeconds;
                var to = DateTime.UtcNow;
                var polls = metrics.TotalPolls - polls0;
                var cpu = PollArrivalRecorder.ProcessCpu() - cpu0;
                var alloc = GC.GetTotalAllocatedBytes(precise: false) - alloc0;
                var changes = await CountSnapshotsAsync(app) - changes0;
                tallies.Add(Task.Delay(grace).ContinueWith(
                    _ =>
                    {
                        var tally = recorder.Tally(from, to);
                        // Windows are tallied in order, each a window after the last: what came due
                        // before this one's start is looked at by no later tally.
                        recorder.Forget(from);
                        return tally;
                    },
                    TaskScheduler.Default));
                cpuPerPollApp.Add(cpu.TotalMicroseconds / Math.Max(1, polls));
                lateP99.Add(Samples.Percentile(recorder.LatenessMs(from, to), 99));
                allocPerPollApp.Add(alloc / (double)Math.Max(1, polls));
                changedShare.Add(100.0 * changes / Math.Max(1, polls));
                heapGrowth.Add((GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / 1024.0 / 1024.0);
                dueShare.Add(seconds);
            }

            var counted = await Task.WhenAll(tallies);
            donePercent.AddRange(counted.Select(t => t.DonePercent));
            // The schedule's own demand against the nominal one: a poller that let its jobs drift later
            // would owe fewer polls per window and still do "all" of them.
            dueShare = counted.Zip(dueShare, (t, seconds) => 100.0 * t.Demanded / (size.PollRate * seconds)).ToList();
            recorder.Attach(null);
            foreach (var (type, ticks) in sampler?.Top(30) ?? [])
            {
                Console.WriteLine($"    alloc ticks {ticks,6}  {type}");
            }
        }

        // The baseline: same simulator, same process, same rate and concurrency.
        var uris = jobs.Select(j => new Uri((j.ProjectId == rds.ProjectId ? simHost.RdsEndpoint : simHost.DdsEndpoint).AbsoluteUri + $"/v3/{j.ProjectId}/jobs?id={j.Id}")).ToList();
        var concurrency = Math.Min(polling.MaxConcurrency, polling.MaxConcurrencyPerEndpoint * 2);
        var cpuPerPollBase = new List<double>();
        var allocPerPollBase = new List<double>();
        using (var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }))
        {
            var warmup = new BareLoopBaseline(uris, simulator.Credentials.FixedToken, concurrency, size.PollRate);
            await warmup.RunAsync(http, size.BaselineWarmUp, CancellationToken.None);
            for (var window = 0; window < size.PollWindows; window++)
            {
                GC.Collect();
                var loop = new BareLoopBaseline(uris, simulator.Credentials.FixedToken, concurrency, size.PollRate);
                var cpu0 = PollArrivalRecorder.ProcessCpu();
                var alloc0 = GC.GetTotalAllocatedBytes(precise: false);
                await loop.RunAsync(http, size.BaselineWindow, CancellationToken.None);
                var cpu = PollArrivalRecorder.ProcessCpu() - cpu0;
                cpuPerPollBase.Add(cpu.TotalMicroseconds / Math.Max(1, loop.Done));
                allocPerPollBase.Add((GC.GetTotalAllocatedBytes(precise: false) - alloc0) / (double)Math.Max(1, loop.Done));
            }
        }

        report.Add(Figure.RatioAtMost("CPU per poll, TaskWatch ÷ bare loop (median ÷ median)", cpuPerPollApp, cpuPerPollBase, 1.5).AsHeadline("poll CPU ÷ bare loop"));
        report.Add(Figure.Info("CPU per poll, TaskWatch (simulator included)", "µs", cpuPerPollApp));
        report.Add(Figure.Info("CPU per poll, bare loop (simulator included)", "µs", cpuPerPollBase));
        report.Add(Figure.AtLeast("demanded polls done: of the polls due in a window, those read", "%", donePercent, 99).AsHeadline("polls done"));
        report.Add(Figure.Info("polls due in a window, of the nominal demand (jobs ÷ interval × window)", "%", dueShare));
        report.Add(Figure.AtMost("lateness against due time, p99 of each window", "ms", lateP99, 1000).AsHeadline("poll lateness p99"));
        report.Add(Figure.AtMost("retained heap growth per window (after full GC)", "MB", heapGrowth, 5));
        report.Add(Figure.Info("allocated per poll, TaskWatch", "bytes", allocPerPollApp));
        report.Add(Figure.Info("allocated per poll, bare loop", "bytes", allocPerPollBase));
        report.Add(Figure.Info("polls that stored a changed progress", "%", changedShare));
        report.Note($"Both dialects: {size.PollJobs / 2:#,0} RDS and {size.PollJobs - (size.PollJobs / 2):#,0} DDS jobs, each polled by id (list API off) every {interval.TotalSeconds:0.###} s (RunningInterval = MaxRunningInterval), {size.PollWindows} windows of {size.PollWindow.TotalSeconds:0} s after a warm-up (every job read once, then one more interval: about {size.PollJobs * 2.5:#,0} polls); the baseline runs {size.PollWindows} windows of {size.BaselineWindow.TotalSeconds:0} s at the same rate and concurrency {concurrency} (the poller's 2 endpoints × {polling.MaxConcurrencyPerEndpoint}) after a warm-up of {size.BaselineWarmUp.TotalSeconds:0} s.");
        report.Note("CPU is the whole process's (Process.TotalProcessorTime), so both sides include the in-process simulator answering the same GETs over loopback: the ratio is fair but understates TaskWatch's own overhead relative to a bare client.");
        report.Note($"Demanded polls done: each window's demand is the set of polls whose due time fell in it (each read that arrived, by job and due time, and each job still waiting in the schedule with a due time in it), counted 3 s after the window; done are the reads among them, so done cannot exceed demanded. The row below it says whether the schedule's own demand kept up with the nominal one ({size.PollRate:#,0} polls/s).");
        report.Note("Lateness is measured where the request arrives at the simulator, against the job's due time in the poller's schedule (its first due time if it was deferred).");
        return report;
    }

    private static async Task<long> CountSnapshotsAsync(BenchApp app)
    {
        var factory = app.Service<Microsoft.EntityFrameworkCore.IDbContextFactory<TaskWatch.Storage.TaskWatchDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.LongCountAsync(db.JobSnapshots);
    }
}
