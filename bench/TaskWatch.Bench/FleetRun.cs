using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using TaskWatch.Core;
using TaskWatch.Simulator;

namespace TaskWatch.Bench;

/// <summary>
/// One size of the fleet (issue 32): one simulator serving every account (each its own user with its own
/// 60-a-minute budget, <see cref="FleetBudgetGate"/>, and one RDS project whose jobs live
/// <see cref="JobLifeMix.Real"/> lives and keep appearing), one database on the private PostgreSQL server, N
/// TaskWatch processes on it, one event stream open on each. After a warm-up it measures, then kills the
/// instance holding the most accounts, starts another, and times the takeover.
/// </summary>
public sealed class FleetRun(FleetSize size, ScratchPostgreSqlServer server, FleetTimings timings, int ordinal) : IDisposable
{
    private const int CallsPerMinute = 60;
    private static readonly TimeSpan CreatedOver = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan RunningInterval = new TaskWatch.Configuration.PollingOptions().RunningInterval;

    private readonly List<ChildApp> _instances = [];
    private readonly List<FleetEventWatcher> _watchers = [];
    private readonly List<Task> _reading = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private Dictionary<string, int> _holderOf = new(StringComparer.Ordinal);

    // Simulated project id to TaskWatch's project name.
    private readonly Dictionary<string, string> _nameOf = new(StringComparer.OrdinalIgnoreCase);

    public static string AccountName(int i) => $"a{i:D3}";

    public static string ProjectName(int i) => $"p-a{i:D3}";

    public async Task<FleetResult> RunAsync()
    {
        var result = new FleetResult(size);
        var database = $"fleet_{ordinal}";
        await using (var admin = new NpgsqlConnection(server.Connection("postgres")))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = server.Connection(database);
        var gate = new FleetBudgetGate(CallsPerMinute);
        var simulator = new TaskCenterSimulator(TimeProvider.System, SimulatorCredentials.CreateRandom(), seed: 32 + ordinal);
        await using var simHost = await SimulatorHost.StartAsync(simulator, app => app.Use(gate.Wrap));
        var environment = new Dictionary<string, string>
        {
            ["TaskWatch__Demo__Enabled"] = "false",
            ["TaskWatch__Storage__Provider"] = "PostgreSQL",
            ["ConnectionStrings__TaskWatch"] = connectionString,
            // The bench is one client registering and checking thousands of jobs: the per-client API budget is not what is measured.
            ["TaskWatch__Api__RequestsPerMinute"] = "0",
        };
        var random = new Random(1000 + ordinal);
        var projects = new List<SimulatedProject>();
        var samplers = new Dictionary<string, JobLifeSampler>(StringComparer.OrdinalIgnoreCase);
        var accountOfProject = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var projectByName = new Dictionary<string, int>(StringComparer.Ordinal);
        var initial = new List<(string Project, SimulatedJob Job, SimulatedProject Simulated)>();
        for (var i = 0; i < size.Accounts; i++)
        {
            var project = simulator.AddProject(CloudService.Rds, "eu-de");
            projects.Add(project);
            samplers[project.ProjectId] = new JobLifeSampler(RunningInterval, CallsPerMinute / 60.0) { Describe = Describe };
            accountOfProject[project.ProjectId] = i;
            projectByName[ProjectName(i)] = i;
            var (account, name) = (AccountName(i), ProjectName(i));
            _nameOf[project.ProjectId] = name;
            environment[$"TaskWatch__Accounts__{account}__Auth"] = "Token";
            environment[$"TaskWatch__Accounts__{account}__Token"] = simulator.Credentials.FixedToken;
            environment[$"TaskWatch__Accounts__{account}__CallsPerMinute"] = CallsPerMinute.ToString(CultureInfo.InvariantCulture);
            environment[$"TaskWatch__Projects__{name}__Account"] = account;
            environment[$"TaskWatch__Projects__{name}__Service"] = "Rds";
            environment[$"TaskWatch__Projects__{name}__ProjectId"] = project.ProjectId;
            environment[$"TaskWatch__Projects__{name}__Region"] = "eu-de";
            environment[$"TaskWatch__Projects__{name}__Endpoint"] = simHost.RdsEndpoint.AbsoluteUri;
            environment[$"TaskWatch__Projects__{name}__ListApi"] = "true";
            for (var j = 0; j < size.JobsPerAccount; j++)
            {
                initial.Add((name, simulator.StartJob(project, JobLifeMix.Real, ago: CreatedOver * random.NextDouble()), project));
            }
        }

        simulator.Served = (job, at) =>
        {
            if (samplers.TryGetValue(job.ProjectId, out var sampler))
            {
                sampler.Served(job, at);
            }
        };

        using var stop = new CancellationTokenSource();
        try
        {
            // One after the other: the first migrates the database, the others find it migrated.
            for (var i = 0; i < size.Instances; i++)
            {
                await StartInstanceAsync(environment, stop.Token);
                if (i == 0 && size.PreviousFeed)
                {
                    await PutPreviousTriggerBackAsync(connectionString);
                }
            }

            // Each job's view counts from the moment its batch was sent: the 10,000 jobs of the largest sizes
            // take about ten seconds to register, and the last batch's jobs cannot be read before then.
            foreach (var chunk in initial.Chunk(1000))
            {
                var sent = DateTime.UtcNow;
                foreach (var (_, job, project) in chunk)
                {
                    samplers[project.ProjectId].Registered(job, project, sent);
                }

                using var response = await _http.PostAsJsonAsync(new Uri(_instances[0].BaseUri, "api/jobs/batch"), new { jobs = chunk.Select(c => new { project = c.Project, jobId = c.Job.Id }) });
                response.EnsureSuccessStatusCode();
            }

            var arrived = 0;
            var next = 0;
            var arrivals = new JobArrivals(simulator, projects, JobLifeMix.Real, size.Jobs / CreatedOver.TotalMinutes, seed: ordinal).RunAsync(async (project, job) =>
            {
                Interlocked.Increment(ref arrived);
                samplers[project.ProjectId].Registered(job, project, DateTime.UtcNow);
                var alive = _instances.Where(i => !i.Process.HasExited).ToList();
                if (alive.Count == 0)
                {
                    return; // the only instance was killed and its successor is starting: the job goes unregistered, as a user's failed request would
                }

                var instance = alive[Interlocked.Increment(ref next) % alive.Count];
                try
                {
                    using var response = await _http.PostAsJsonAsync(new Uri(instance.BaseUri, "api/jobs"), new { project = ProjectName(accountOfProject[project.ProjectId]), jobId = job.Id }, stop.Token);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // The instance was being killed; the job stays unregistered, as a user's failed request would.
                }
            }, stop.Token);

            await using var load = new FleetDatabaseLoad(connectionString);
            await load.StartAsync();
            var holders = RefreshHoldersAsync(stop.Token);

            // Warm-up: the first sweep of every account, the JIT, the leases spreading, and the start-up's own load (every
            // job registered at once, every finished one's detail read): sampled too, and told apart from the measured time.
            // Windows of 10 s from the start: the warm-up's end is one window's end, so no window mixes the two.
            var sampledFrom = DateTime.UtcNow;
            var plannedFrom = sampledFrom + timings.WarmUp;
            var sampling = Task.WhenAll(samplers.Values.Select(s => s.SampleAsync(sampledFrom, plannedFrom + timings.Measured, CancellationToken.None, measureFrom: plannedFrom)));
            await Task.Delay(timings.WarmUp);
            await RefreshHoldersOnceAsync();
            foreach (var w in _watchers)
            {
                w.Reset();
            }

            var measureFrom = DateTime.UtcNow;
            var measureTo = measureFrom + timings.Measured;
            var cpuBefore = _instances.Select(i => i.Cpu()).ToList();
            var dbBefore = await load.ReadAsync();
            var feedBefore = await FeedCountersAsync();
            var callsBefore = gate.Calls;
            var throttledBefore = gate.Throttled;
            var resident = _instances.Select(_ => new List<double>()).ToList();
            var held = _instances.Select(_ => 0).ToList();
            var mostHeld = 0;
            var unheld = 0;
            while (DateTime.UtcNow < measureTo)
            {
                for (var i = 0; i < _instances.Count; i++)
                {
                    resident[i].Add(_instances[i].WorkingSetBytes() / 1048576.0);
                }

                var snapshot = await HeldAsync();
                for (var i = 0; i < _instances.Count; i++)
                {
                    held[i] = Math.Max(held[i], snapshot[i].Length);
                }

                mostHeld = Math.Max(mostHeld, snapshot.Max(h => h.Length));
                unheld = Math.Max(unheld, size.Accounts - snapshot.Sum(h => h.Length));
                await Task.Delay(TimeSpan.FromSeconds(2));
            }

            await sampling;
            var seconds = (DateTime.UtcNow - measureFrom).TotalSeconds;
            var dbAfter = await load.ReadAsync();
            var feedAfter = await FeedCountersAsync();
            result.FeedRowsReadPerSecond = (feedAfter.RowsRead - feedBefore.RowsRead) / seconds;
            result.FeedAppliedWithoutReadPerSecond = (feedAfter.WithoutRead - feedBefore.WithoutRead) / seconds;
            for (var i = 0; i < _instances.Count; i++)
            {
                var cpu = (_instances[i].Cpu() - cpuBefore[i]).TotalSeconds / seconds;
                result.Instances.Add(new FleetInstanceFigures(i, held[i], cpu, Samples.Median(resident[i]), _watchers[i].FromOthers, _watchers[i].Events));
            }

            foreach (var (projectId, sampler) in samplers)
            {
                result.Accounts.Add((AccountName(accountOfProject[projectId]), sampler.OldestPerWindow.Count > 0 ? sampler.OldestPerWindow.Max() : double.NaN, sampler.LargestSweepLimit));
                var limit = Math.Max(10, 2 * sampler.LargestSweepLimit);
                result.Windows += sampler.OldestPerWindow.Count;
                result.WindowsOverLimit += sampler.OldestPerWindow.Count(o => o > limit);
            }

            result.WarmUpOldest = samplers.Values.Select(s => s.WarmUpOldest).Where(o => !double.IsNaN(o)).DefaultIfEmpty(double.NaN).Max();

            // Which job, when, and in whose hands: a rare stall reads differently from a starved account.
            result.WorstAccountDescribed = samplers.Values.Where(s => s.OldestPerWindow.Count > 0).MaxBy(s => s.OldestPerWindow.Max())?.OldestDescribed;

            var span = (dbAfter.At - dbBefore.At).TotalSeconds;
            result.MeasuredSeconds = seconds;
            result.Calls = gate.Calls - callsBefore;
            result.Throttled = gate.Throttled - throttledBefore;
            result.MostAccountsHeld = mostHeld;
            result.UnheldAccounts = unheld;
            result.CommitsPerSecond = (dbAfter.Commits - dbBefore.Commits) / span;
            result.RowsWrittenPerSecond = (dbAfter.Inserted + dbAfter.Updated - dbBefore.Inserted - dbBefore.Updated) / span;
            result.RowsReadPerSecond = (dbAfter.Returned + dbAfter.Fetched - dbBefore.Returned - dbBefore.Fetched) / span;
            result.NotificationsPerSecond = (dbAfter.Notifications - dbBefore.Notifications) / span;
            foreach (var (table, rows) in dbAfter.ReadPerTable)
            {
                result.RowsReadPerTablePerSecond[table] = (rows - dbBefore.ReadPerTable.GetValueOrDefault(table)) / span;
            }

            result.NotifiedIdsPerSecond = (dbAfter.NotifiedIds - dbBefore.NotifiedIds) / span;
            result.NotifiedBytesPerSecond = (dbAfter.NotifiedBytes - dbBefore.NotifiedBytes) / span;

            try
            {
                await KillAndReplaceAsync(result, simulator, gate, projects, environment, samplers, stop.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // What was measured before the kill stands; the kill's figures say it did not complete.
                result.KillNote = $"the kill and replacement did not complete ({ex.GetType().Name}: {ex.Message})";
            }

            result.JobsArrived = arrived;
            result.Throttled = gate.Throttled - throttledBefore;
            await stop.CancelAsync();
            await arrivals;
            await holders;
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var instance in _instances)
            {
                await instance.DisposeAsync();
            }

            await Task.WhenAll(_reading);
            NpgsqlConnection.ClearAllPools();
        }

        return result;
    }

    /// <summary>The update trigger as the JobChangeNotify migration made it: every write notified as a bare id.</summary>
    private static async Task PutPreviousTriggerBackAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            DROP TRIGGER "TrackedJobs_notify_update" ON "TrackedJobs";
            CREATE TRIGGER "TrackedJobs_notify_update" AFTER UPDATE ON "TrackedJobs"
                REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION taskwatch_notify_jobs();
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<ChildApp> StartInstanceAsync(Dictionary<string, string> environment, CancellationToken stop)
    {
        var instance = ChildApp.Start(environment);
        if (!await instance.WaitForOkAsync(_http, TimeSpan.FromSeconds(120)))
        {
            await instance.DisposeAsync();
            throw new InvalidOperationException($"TaskWatch instance {_instances.Count} did not answer within 120 s.");
        }

        var index = _instances.Count;
        _instances.Add(instance);
        var watcher = new FleetEventWatcher(instance.BaseUri, project => _holderOf.TryGetValue(project, out var h) && h == index);
        _watchers.Add(watcher);
        _reading.Add(watcher.ReadAsync(stop));
        return instance;
    }

    /// <summary>Keeps the map of which instance polls which project fresh (for telling the streams' own changes from others').</summary>
    private async Task RefreshHoldersAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await RefreshHoldersOnceAsync();
                await Task.Delay(TimeSpan.FromSeconds(2), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException)
            {
                // An instance being killed or started: the next round reads it.
            }
        }
    }

    private async Task RefreshHoldersOnceAsync()
    {
        var held = await HeldAsync();
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < held.Count; i++)
        {
            foreach (var account in held[i])
            {
                map["p-" + account] = i;
            }
        }

        _holderOf = map;
    }

    // What the bench knows of a job at the moment it has its account's oldest view: the simulator's side, and who polls it.
    private string Describe(SimulatedJob job) =>
        $"{job.ProjectId[..8]}…/{job.Id[..8]}…, created {(DateTime.UtcNow - job.CreatedUtc).TotalSeconds:0} s before, visible after {job.Invisible.TotalSeconds:0} s; "
        + $"its project {(_nameOf.GetValueOrDefault(job.ProjectId) is { } name ? $"{name} held by instance {(_holderOf.TryGetValue(name, out var holder) ? holder : -1)}" : "unknown")}";

    /// <summary>
    /// The change feeds' counters summed over the instances, from each one's /metrics: rows read to follow the others'
    /// writes, and writes applied from their notification alone.
    /// </summary>
    private async Task<(double RowsRead, double WithoutRead)> FeedCountersAsync()
    {
        double read = 0, withoutRead = 0;
        foreach (var instance in _instances.Where(i => !i.Process.HasExited).ToList())
        {
            var text = await _http.GetStringAsync(new Uri(instance.BaseUri, "metrics"));
            foreach (var line in text.Split('\n'))
            {
                // name{labels} value [timestamp]: the value follows the labels (which may hold spaces), or the name.
                var afterName = line.Contains('}', StringComparison.Ordinal) ? line[(line.LastIndexOf('}') + 1)..] : line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..];
                var value = afterName.Trim().Split(' ')[0] is var v && double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : 0;
                if (line.StartsWith("taskwatch_changefeed_rows_read_total", StringComparison.Ordinal))
                {
                    read += value;
                }
                else if (line.StartsWith("taskwatch_changefeed_applied_without_read_total", StringComparison.Ordinal))
                {
                    withoutRead += value;
                }
            }
        }

        return (read, withoutRead);
    }

    /// <summary>The accounts each instance's /healthz says it polls (none for an instance that is gone).</summary>
    private async Task<List<string[]>> HeldAsync()
    {
        var held = new List<string[]>();
        foreach (var instance in _instances.ToList())
        {
            if (instance.Process.HasExited)
            {
                held.Add([]);
                continue;
            }

            try
            {
                var health = await _http.GetFromJsonAsync<JsonElement>(new Uri(instance.BaseUri, "healthz"));
                held.Add([.. health.GetProperty("checks").GetProperty("accounts").GetProperty("heldAccounts").EnumerateArray().Select(a => a.GetString()!)]);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or KeyNotFoundException)
            {
                held.Add([]);
            }
        }

        return held;
    }

    /// <summary>
    /// Kills the instance holding the most accounts (hard, as a crash), starts another on the same database,
    /// and times, per account it held, the first call after the kill at the simulator; jobs of those accounts
    /// made to end from 5 s before the kill to 10 s after it are then awaited ended on every live instance.
    /// </summary>
    private async Task KillAndReplaceAsync(FleetResult result, TaskCenterSimulator simulator, FleetBudgetGate gate, List<SimulatedProject> projects,
        Dictionary<string, string> environment, Dictionary<string, JobLifeSampler> samplers, CancellationToken stop)
    {
        var held = await HeldAsync();
        var victim = Enumerable.Range(0, held.Count).MaxBy(i => held[i].Length);
        var orphans = held[victim].Select(a => int.Parse(a[1..], CultureInfo.InvariantCulture)).ToList();
        if (orphans.Count == 0)
        {
            result.KillNote = "no instance held an account: nothing to take over";
            return;
        }

        // Chosen first (a scan of every simulated job per account, seconds at 100,000 jobs), then timed from now.
        var soon = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var candidates = orphans.Select(a => (Account: a, Running: simulator.JobsOf(projects[a].ProjectId)
            .Where(j => j.StateAt(soon) == JobState.Running && j.CreatedUtc + j.Invisible < DateTime.UtcNow - TimeSpan.FromSeconds(30) && samplers[projects[a].ProjectId].WasServed(j))
            .Take(3).ToList())).ToList();
        var kill = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        var forced = new List<(int Account, SimulatedJob Job)>();
        foreach (var (a, running) in candidates)
        {
            for (var k = 0; k < running.Count; k++)
            {
                var end = kill + TimeSpan.FromSeconds(-5 + (15.0 * ((forced.Count * 7) % 30) / 30));
                var job = running[k] with { Duration = end - running[k].CreatedUtc, FailsAt = null, FailReason = null };
                job = forced.Count % 3 == 0 ? job with { Duration = job.Duration / 0.9, FailsAt = 0.9, FailReason = "simulated failure" } : job;
                simulator.Add(job);
                forced.Add((a, job));
            }
        }

        result.ForcedEnds = forced.Count;
        if (kill - DateTime.UtcNow is { Ticks: > 0 } wait)
        {
            await Task.Delay(wait, CancellationToken.None);
        }

        gate.Mark(kill);
        var clock = Stopwatch.StartNew();
        _instances[victim].Process.Kill(entireProcessTree: true);
        await _instances[victim].Process.WaitForExitAsync(CancellationToken.None);
        await StartInstanceAsync(environment, stop);
        result.NewInstanceStartSeconds = clock.Elapsed.TotalSeconds;

        var shownBy = new Dictionary<int, double>();
        var lastAnswer = new Dictionary<int, string>();
        var limit = timings.TakeoverWait;
        while (clock.Elapsed < limit)
        {
            var live = Enumerable.Range(0, _instances.Count).Where(i => !_instances[i].Process.HasExited && !shownBy.ContainsKey(i)).ToList();
            foreach (var i in live)
            {
                if (await NotShownEndedAsync(_instances[i], forced) is { } why)
                {
                    lastAnswer[i] = why;
                }
                else
                {
                    shownBy[i] = clock.Elapsed.TotalSeconds;
                }
            }

            var allTaken = orphans.All(a => gate.FirstCallAfterMark(projects[a].ProjectId) is not null);
            if (allTaken && shownBy.Count == _instances.Count(i => !i.Process.HasExited))
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None);
        }

        foreach (var a in orphans)
        {
            result.TakeoverSeconds.Add(gate.FirstCallAfterMark(projects[a].ProjectId) is { } first ? (first - kill).TotalSeconds : double.NaN);
        }

        result.EndsShownEverywhereSeconds = shownBy.Count == _instances.Count(i => !i.Process.HasExited) ? shownBy.Values.Max() : double.NaN;
        result.KillNote = $"killed instance {victim} holding {orphans.Count} accounts; {forced.Count} of their jobs made to end from 5 s before the kill to 10 s after it";
        var late = Enumerable.Range(0, _instances.Count).Where(i => !_instances[i].Process.HasExited && !shownBy.ContainsKey(i)).ToList();
        if (late.Count > 0)
        {
            // Which instance did not show the ends, and what it answered last: the bench's reading or the product's view.
            var newcomer = _instances.Count - 1;
            result.KillNote += "; not shown ended within " + limit.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s by " + string.Join("; ", late.Select(i =>
                $"instance {i}{(i == newcomer ? " (the new one)" : "")}: {lastAnswer.GetValueOrDefault(i, "no answer")}"));
        }
    }

    /// <summary>
    /// Null when this instance's live view shows every forced job ended, with the status and end the simulator
    /// gives (<c>GET …/wait?timeout=0</c> answers from the live store; the list and detail answers come from the
    /// database, the same on every instance); else what it answered for the first job it does not show so.
    /// </summary>
    private async Task<string?> NotShownEndedAsync(ChildApp instance, List<(int Account, SimulatedJob Job)> forced)
    {
        try
        {
            var now = DateTime.UtcNow;
            foreach (var (account, job) in forced)
            {
                if (job.EndedAt(now) is not { } ended)
                {
                    return $"{job.Id} not yet ended at the simulator";
                }

                using var response = await _http.GetAsync(new Uri(instance.BaseUri, $"api/jobs/{ProjectName(account)}/{job.Id}/wait?timeout=0"));
                if (response.StatusCode != System.Net.HttpStatusCode.OK)
                {
                    // 202: the wait timed out, so the live view does not show the job ended; what it shows follows.
                    var shown = response.StatusCode == System.Net.HttpStatusCode.Accepted && response.Content.Headers.ContentType?.MediaType == "application/json"
                        ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").ToString() : "";
                    return $"{ProjectName(account)}/{job.Id} (ended {ended:HH:mm:ss.fff}; its account held by instance {(_holderOf.TryGetValue(ProjectName(account), out var holder) ? holder : -1)}): HTTP {(int)response.StatusCode} {shown}";
                }

                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                var v = body.GetProperty("job");
                var expected = job.FailsAt is null ? "Completed" : "Failed";
                if (v.GetProperty("status").GetString() != expected
                    || v.GetProperty("ended").ValueKind != JsonValueKind.String
                    || Math.Abs((v.GetProperty("ended").GetDateTime().ToUniversalTime() - ended).TotalSeconds) >= 1)
                {
                    return $"{ProjectName(account)}/{job.Id} (ended {ended:HH:mm:ss.fff} {expected}; its account held by instance {(_holderOf.TryGetValue(ProjectName(account), out var h) ? h : -1)}): {v}";
                }
            }

            return null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    public void Dispose() => _http.Dispose();
}
