namespace TaskWatch.Bench;

/// <summary>
/// Issue 32: a fleet of accounts on several TaskWatch instances sharing one PostgreSQL database, at several
/// sizes in one run (each size its own database on one private server, its own simulator and processes), so
/// the figures of every size are taken on the same machine in the same spell: the cost per instance is
/// read against the jobs and accounts it holds and against the number of instances, each as a ratio to the
/// first size of the run. Writes the plot of memory and CPU per instance beside the document.
/// </summary>
public sealed class FleetScenario(BenchSize size, IReadOnlyList<FleetSize> sizes, string plotPath)
{
    private static readonly TimeSpan LeaseTakeover = new TaskWatch.Configuration.StorageOptions().LeaseTakeover;

    /// <summary>
    /// The two axes, scaled to this machine: 10, 30 and 100 accounts of 100 jobs on 5 instances, and 100
    /// accounts on 1 and 3; beside 5 and 3 instances, the same size with the previous change feed (before and after);
    /// last, the issue's own size, 100 accounts of 1,000 jobs on 5 instances, to see whether this machine holds it.
    /// </summary>
    public static IReadOnlyList<FleetSize> DefaultSizes(bool quick) => quick
        ? [new(10, 2, 50)]
        : [new(10, 5, 100), new(30, 5, 100), new(100, 5, 100), new(100, 5, 100, PreviousFeed: true), new(100, 3, 100), new(100, 1, 100), new(100, 5, 1000)];

    /// <summary>The curve as a table with the plot, set once a size has been measured (Program puts it above the figures).</summary>
    public string? Summary { get; private set; }

    public async Task<ScenarioReport> RunAsync()
    {
        var report = new ScenarioReport("8. Fleet — many accounts on several instances sharing one PostgreSQL database");
        var (server, why) = await ScratchPostgreSqlServer.StartAsync();
        if (server is null)
        {
            throw new InvalidOperationException("The fleet scenario needs PostgreSQL: " + why);
        }

        var results = new List<FleetResult>();
        await using (server)
        {
            var timings = FleetTimings.For(size.Quick);
            for (var i = 0; i < sizes.Count; i++)
            {
                Console.WriteLine($"    fleet: {sizes[i].Label}...");
                try
                {
                    using var run = new FleetRun(sizes[i], server, timings, i);
                    var result = await run.RunAsync();
                    results.Add(result);
                    Add(report, result, results[0]);
                }
                catch (Exception ex)
                {
                    // A size the machine cannot hold is a result too: name it and stop there.
                    report.Note($"{sizes[i].Label}: did not complete ({ex.GetType().Name}: {ex.Message}); the sizes after it were not run.");
                    Console.Error.WriteLine($"    fleet: {sizes[i].Label} failed: {ex}");
                    break;
                }
            }

            report.Note($"Each size: one simulator serving every account, each account its own user with its own budget (60 calls in any 60 s at arrival, the excess answered 429 DBS.280443) and one RDS project with the list API on; its jobs live `JobLifeMix.Real` lives (created over the 15 minutes before, most ending within minutes, a fifth failing, some running for hours), and new ones appear through the run at the same rate, each registered through one of the instances' API in turn. One database on the private PostgreSQL server (fsync on), N TaskWatch processes (the Release build) on it with default polling and lease options (`LeaseTakeover` {LeaseTakeover.TotalSeconds:0} s), and one `GET /api/events` stream open on each instance, as a wall would. Measured for {timings.Measured.TotalSeconds:0} s after a {timings.WarmUp.TotalSeconds:0} s warm-up; then the instance holding the most accounts is killed hard and another started.");
            report.Note("Oldest view: per account, as the budget scenario measures it at the simulator (the time since the simulator last answered with a job TaskWatch can only show as running), the largest over the measured time (the warm-up's, which starts with every job registered at once, is reported apart); its limit is max(10 s, 2 × the account's sweep limit), the sweep limit being the list pages that cover its running jobs at one call a second. CPU: the instance's user + system time from /proc over the measured time, in cores (1 = one core busy); resident memory: the median of its VmRSS samples. The machine has 2 cores and is shared with other workers: CPU figures are noisy, and are read as ratios to the first size of the same run.");
            report.Note("Previous feed: the same size with the update trigger of the release before issue 32's change put back by the bench once the first instance has migrated the database (every write, poll times alone included, notified as a bare id, so every instance reads back every poll any instance stored: the fan-out), over this release's writer (a write batch's poll times are one statement, so one notification carries the batch). Without it (the current feed) a poll that changed only a job's poll times carries them, one that changed what a live view shows (status, progress, end, failure reason, names, phase, error) carries the changed values (JobChangesNotify), and an instance applies either to a job it shows without a read.");
            report.Note("Change to another instance's live view: for every change an instance's event stream sent for an account it did not hold, the time from the holder's read (the change's `observed`) to the stream's event (the stream is fed by the live store, which the NOTIFY feed fills). Database: `pg_stat_database` of the fleet's database over the measured time (commits, rows inserted + updated, rows returned + fetched), and the NOTIFY traffic on the instances' channel counted by one more listener: every instance receives every notification and reads every row it names by a bare id.");
            report.Note("Takeover: per account the killed instance held, the time from the kill to the account's first call at the simulator (from another instance or the new one); limit `LeaseTakeover` + 2 × the sweep limit. Ends shown: up to 3 running jobs of each such account made to end from 5 s before the kill to 10 s after it (every third failing); the time from the kill until every live instance (the new one included) answers each of them ended from its live store (`GET /api/jobs/{project}/{id}/wait?timeout=0`) with the simulator's status and end; limit `LeaseTakeover` + 2 × the sweep limit + 5 s (the last end comes 10 s after the kill).");
        }

        if (results.Count > 0)
        {
            FleetPlot.Write(results, plotPath);
            Summary = FleetSummary.Markdown(results, Path.GetFileName(plotPath));
        }

        return report;
    }

    private static void Add(ScenarioReport report, FleetResult r, FleetResult baseline)
    {
        var label = r.Size.Label;
        var sweep = r.Accounts.Count > 0 ? r.Accounts.Max(a => a.SweepLimit) : 0;
        var cpu = r.Instances.Select(i => i.CpuCores).ToList();
        var rss = r.Instances.Select(i => i.ResidentMegabytes).ToList();
        var lags = r.Instances.SelectMany(i => i.LagFromOthersMs).ToList();
        report.Add(Figure.EachAtMost($"{label}: oldest view ÷ its limit max(10 s, 2 × sweep limit), each account", "×", [.. r.Accounts.Select(a => a.Oldest / Math.Max(10, 2 * a.SweepLimit))], 1));
        report.Add(Figure.Info($"{label}: oldest view of a running job, worst account", "s", r.Accounts.Count > 0 ? [r.Accounts.Max(a => a.Oldest)] : []));
        report.Add(Figure.Info($"{label}: oldest view of a running job, median account", "s", [Samples.Median([.. r.Accounts.Select(a => a.Oldest)])]));
        report.Add(Figure.Info($"{label}: sweep limit, largest account", "s", [sweep]));
        report.Add(Figure.EachAtMost($"{label}: 429 answers (all accounts, the run and the takeover)", "", [r.Throttled], 0));
        report.Add(Figure.Info($"{label}: calls at the simulator per second (all accounts)", "/s", [r.Calls / r.MeasuredSeconds]));
        report.Add(Figure.EachAtMost($"{label}: most accounts one instance held (fair share ceil({r.Size.Accounts}/{r.Size.Instances}))", "", [r.MostAccountsHeld], r.Size.FairShare));
        report.Add(Figure.EachAtMost($"{label}: accounts no instance held at some sample", "", [r.UnheldAccounts], 0));
        report.Add(Figure.Info($"{label}: CPU per instance (median of instances; each instance a window)", "cores", cpu));
        report.Add(Figure.Info($"{label}: CPU per instance ÷ the first size's ({baseline.Size.Label})", "×", [Samples.Median(cpu) / Samples.Median([.. baseline.Instances.Select(i => i.CpuCores)])]));
        report.Add(Figure.Info($"{label}: CPU of all instances together", "cores", [cpu.Sum()]));
        report.Add(Figure.Info($"{label}: resident memory per instance (median of instances)", "MB", rss));
        report.Add(Figure.Info($"{label}: resident memory per instance ÷ the first size's", "×", [Samples.Median(rss) / Samples.Median([.. baseline.Instances.Select(i => i.ResidentMegabytes)])]));
        if (r.Size.Instances > 1)
        {
            // One instance has no other instance's changes to follow: no lag to measure, nor a miss to report.
            report.Add(Figure.Percentile($"{label}: change stored by one instance to another's live view (event stream), p99 of {lags.Count:#,0}", "ms", lags, 99, 1000));
            report.Add(Figure.Info($"{label}: change to another instance's live view, median", "ms", [Samples.Median(lags)]));
        }

        report.Add(Figure.Info($"{label}: events per instance's stream per second (median of instances)", "/s", [.. r.Instances.Select(i => i.Events / r.MeasuredSeconds)]));
        report.Add(Figure.Info($"{label}: database commits per second", "/s", [r.CommitsPerSecond]));
        report.Add(Figure.Info($"{label}: database rows written (inserted + updated) per second", "/s", [r.RowsWrittenPerSecond]));
        report.Add(Figure.Info($"{label}: database rows read (returned + fetched) per second", "/s", [r.RowsReadPerSecond]));
        foreach (var (table, rows) in r.RowsReadPerTablePerSecond.OrderByDescending(t => t.Value).Take(3))
        {
            report.Add(Figure.Info($"{label}: database rows read per second from table {table} (sequential scans + index fetches)", "/s", [rows]));
        }

        report.Add(Figure.Info($"{label}: NOTIFY messages per second (each received by every instance)", "/s", [r.NotificationsPerSecond]));
        report.Add(Figure.Info($"{label}: job entries notified per second (a bare id read back by every instance but its writer, × {Math.Max(0, r.Size.Instances - 1)}; poll times and carried changes applied without a read)", "/s", [r.NotifiedIdsPerSecond]));
        report.Add(Figure.Info($"{label}: NOTIFY payload bytes per second", "B/s", [r.NotifiedBytesPerSecond]));
        report.Add(Figure.Info($"{label}: rows the change feeds read to follow other instances' writes, per second (all instances, their /metrics)", "/s", [r.FeedRowsReadPerSecond]));
        report.Add(Figure.Info($"{label}: other instances' writes applied without a read, per second (all instances, their /metrics)", "/s", [r.FeedAppliedWithoutReadPerSecond]));
        var takeoverLimit = LeaseTakeover.TotalSeconds + (2 * sweep);
        report.Add(Figure.EachAtMost($"{label}: kill: each of its {r.TakeoverSeconds.Count} accounts polled again after the kill", "s", [.. r.TakeoverSeconds.Select(t => double.IsNaN(t) ? double.PositiveInfinity : t)], takeoverLimit));
        report.Add(Figure.EachAtMost($"{label}: kill: {r.ForcedEnds} ended jobs shown ended on every instance after the kill", "s", [double.IsNaN(r.EndsShownEverywhereSeconds) ? double.PositiveInfinity : r.EndsShownEverywhereSeconds], takeoverLimit + 5));
        report.Add(Figure.Info($"{label}: kill: the new instance answered after", "s", [r.NewInstanceStartSeconds]));
        report.Add(Figure.Info($"{label}: new jobs registered through the run", "", [r.JobsArrived]));
        report.Add(Figure.Info($"{label}: oldest view of a running job during the warm-up (start-up: every job registered at once), worst account", "s", double.IsNaN(r.WarmUpOldest) ? [] : [r.WarmUpOldest]));
        report.Add(Figure.Info($"{label}: 10-s windows of an account whose oldest view passed its limit (of {r.Windows})", "", [r.WindowsOverLimit]));
        if (r.WorstAccountDescribed is not null)
        {
            report.Note($"{label}: the worst account's oldest view, {r.WorstAccountDescribed}.");
        }

        if (r.KillNote is not null)
        {
            report.Note($"{label}: {r.KillNote}.");
        }
    }
}
