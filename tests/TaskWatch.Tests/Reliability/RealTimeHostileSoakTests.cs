using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using TaskWatch.Configuration;
using TaskWatch.Core;
using TaskWatch.Simulator;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Reliability;

/// <summary>
/// The hostile soak on the real clock, kept short: it proves what the fake-clock soak
/// (<see cref="HostileSoakTests"/>) cannot, that the real timers, the REST registration and real
/// concurrency hold the same promises. Its Retry-After check allows for a call already on its way.
/// </summary>
[Collection(nameof(HeavyCollection))]
public sealed class RealTimeHostileSoakTests
{
    private const int JobCount = 60;

    private const int CallsPerMinute = 1500;

    /// <summary>A request already on its way when the 429 left the simulator is not a breach.</summary>
    private static readonly TimeSpan InFlightSlack = TimeSpan.FromMilliseconds(250);

    // A call that passed the budget before TaskWatch had read the 429 is in flight, not a breach; on a
    // loaded 2-core machine reading an answer can lag by a few hundred ms, so allow a second of a 2 s wait.
    private static readonly TimeSpan RetryAfterSlack = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task JobsAgainstAHostileCloudOnTheRealClock_EndWithTheCloudsTruth_WithinBudget_AndHonouringRetryAfter()
    {
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        watchdog.CancelAfter(TimeSpan.FromSeconds(90));
        var ct = watchdog.Token;
        var jobCount = JobCount;
        var spread = TimeSpan.FromSeconds(3);
        const int longest = 3;

        var simulator = new TaskCenterSimulator(TimeProvider.System, SimulatorCredentials.CreateRandom(), seed: 5);
        await using var sim = await SimulatorHost.StartAsync(simulator, cancellationToken: ct);
        var c = simulator.Credentials;
        var settings = new Dictionary<string, string?>
        {
            ["TaskWatch:Demo:Enabled"] = "false",
            ["TaskWatch:Polling:RunningInterval"] = "00:00:00.200",
            ["TaskWatch:Polling:MaxRunningInterval"] = "00:00:02",
            ["TaskWatch:Polling:NotFoundRetryInterval"] = "00:00:00.300",
            ["TaskWatch:Polling:MaxErrorBackoff"] = "00:00:02",
            ["TaskWatch:Polling:RetryDelay"] = "00:00:00.100",
            ["TaskWatch:Polling:RequestTimeout"] = "00:00:05",
            ["TaskWatch:Accounts:tok:Token"] = c.FixedToken,
            ["TaskWatch:Accounts:tok2:Token"] = c.FixedToken,
            ["TaskWatch:Accounts:nope:Token"] = c.FixedToken,
            ["TaskWatch:Accounts:pw:Auth"] = "Password",
            ["TaskWatch:Accounts:pw:IamEndpoint"] = sim.IamEndpoint.AbsoluteUri,
            ["TaskWatch:Accounts:pw:Domain"] = c.Domain,
            ["TaskWatch:Accounts:pw:User"] = c.User,
            ["TaskWatch:Accounts:pw:Password"] = c.Password,
            ["TaskWatch:Accounts:aksk:Auth"] = "AkSk",
            ["TaskWatch:Accounts:aksk:AccessKey"] = c.AccessKey,
            ["TaskWatch:Accounts:aksk:SecretKey"] = c.SecretKey,
        };
        var hostile = new SimulatorHostility
        {
            LatencyMs = 5,
            LatencyJitterMs = 40,
            ServerErrorShare = 0.1,
            MaxRequestsPerSecond = 12,
            RetryAfterSeconds = 2,
            MalformedShare = 0.1,
            OddStatusShare = 0.3,
        };
        var projects = new List<(string Name, string Account, SimulatedProject Project)>();
        foreach (var (name, account, service, list, extra) in new (string, string, CloudService, bool, Action<SimulatorHostility>)[]
        {
            ("s-tok-rds", "tok", CloudService.Rds, false, h => h.LongFailReasons = true),
            ("s-pw-rds", "pw", CloudService.Rds, true, h => h.TokenLifetime = TimeSpan.FromSeconds(2)),
            ("s-aksk-rds", "aksk", CloudService.Rds, false, h => h.LongFailReasons = true),
            ("s-tok-dds", "tok2", CloudService.Dds, true, _ => { }),
            ("s-not-scoped", "nope", CloudService.Rds, false, h => h.NotScoped = true),
        })
        {
            var project = simulator.AddProject(service, "eu-de");
            var h = Copy(hostile);
            extra(h);
            project.Hostility = h;
            projects.Add((name, account, project));
            settings[$"TaskWatch:Accounts:{account}:CallsPerMinute"] = CallsPerMinute.ToString(CultureInfo.InvariantCulture);
            settings[$"TaskWatch:Projects:{name}:Account"] = account;
            settings[$"TaskWatch:Projects:{name}:Service"] = service.ToString();
            settings[$"TaskWatch:Projects:{name}:ProjectId"] = project.ProjectId;
            settings[$"TaskWatch:Projects:{name}:Region"] = "eu-de";
            settings[$"TaskWatch:Projects:{name}:Endpoint"] = (service == CloudService.Rds ? sim.RdsEndpoint : sim.DdsEndpoint).AbsoluteUri;
            settings[$"TaskWatch:Projects:{name}:ListApi"] = list ? "true" : "false";
        }

        // The jobs: spread over the run, a third failing, some with odd status words or 10 KB reasons.
        var random = new Random(17);
        var start = simulator.UtcNow;
        var jobs = new List<(string Project, SimulatedJob Job)>();
        for (var i = 0; i < jobCount + 10; i++)
        {
            var (name, _, project) = i < jobCount ? projects[i % 4] : projects[4];
            var fails = random.NextDouble() < 0.33;
            var job = new SimulatedJob
            {
                Id = random.Next(2) == 0 ? Guid.NewGuid().ToString() : Guid.NewGuid().ToString("N"),
                ProjectId = project.ProjectId,
                Kind = SimulatedJobKind.All.First(k => k.Service == project.Service),
                InstanceId = $"{i:x32}",
                InstanceName = $"soak-{i}",
                CreatedUtc = start + (spread * i / (jobCount + 10)),
                Invisible = TimeSpan.FromMilliseconds(500 + random.Next(1000)),
                Duration = TimeSpan.FromMilliseconds(1000 + random.Next(longest * 1000)),
                FailsAt = fails ? 0.2 + (0.7 * random.NextDouble()) : null,
                FailReason = fails ? (project.Hostility.LongFailReasons ? TaskCenterSimulator.LongFailReason : $"Soak failure {i} <b>not markup</b>") : null,
                ProgressStep = 1 + random.Next(10),
                StatusOverride = random.NextDouble() < project.Hostility.OddStatusShare ? (random.Next(2) == 0 ? "Pending" : "running") : null,
            };
            simulator.Add(job);
            jobs.Add((name, job));
        }

        await using var app = await TestApp.StartAsync(settings);
        foreach (var chunk in jobs.Chunk(500))
        {
            var response = await app.Http.PostAsJsonAsync("/api/jobs/batch", new { jobs = chunk.Select(j => new { project = j.Project, jobId = j.Job.Id }) }, ct);
            response.EnsureSuccessStatusCode();
        }

        var deadline = spread + TimeSpan.FromSeconds(longest + 60);
        var healthy = jobs.Where(j => j.Project != "s-not-scoped").ToList();
        var giveUpAt = DateTime.UtcNow + deadline;
        Dictionary<string, JsonElement> seen;
        while (true)
        {
            seen = await ReadAllAsync(app, ct);
            var pending = healthy.Count(j => !(seen.TryGetValue(j.Job.Id, out var v) && v.GetProperty("phase").GetString() == "Done"));
            if (pending == 0)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < giveUpAt, $"{pending} jobs still not done after {deadline.TotalSeconds:0} s");
            await Task.Delay(250, ct);
        }

        // 1. The cloud's truth, for every job.
        var lost = new List<string>();
        foreach (var (project, job) in healthy)
        {
            var v = seen[job.Id];
            var truth = job.StateAt(simulator.UtcNow).ToString();
            if (v.GetProperty("status").GetString() != truth || v.GetProperty("failReason").GetString() != job.FailReason)
            {
                lost.Add($"{project}/{job.Id}: TaskWatch says {v.GetProperty("status").GetString()} '{Cut(v.GetProperty("failReason").GetString())}', the cloud {truth} '{Cut(job.FailReason)}'");
            }
        }

        // 2. No snapshot that the cloud never said.
        var (invented, _) = await SnapshotAudit.CheckAsync(app.DatabasePath, jobs.ToDictionary(j => j.Job.Id, j => j.Job, StringComparer.OrdinalIgnoreCase));
        var notScoped = jobs.Where(j => j.Project == "s-not-scoped").Select(j => seen.GetValueOrDefault(j.Job.Id)).ToList();

        // 3. Each account's calls in any 60 s window, and 4. nothing sent during a Retry-After.
        var log = simulator.Faults.Log.ToList();
        var overBudget = new List<string>();
        var early = new List<string>();
        foreach (var (name, _, project) in projects)
        {
            var calls = log.Where(r => r.ProjectId == project.ProjectId).OrderBy(r => r.ArrivedUtc).ToList();
            for (int i = 0, j = 0; i < calls.Count; i++)
            {
                // TaskWatch counts a call when it sends it, the simulator when it arrives: delivery jitter can
                // bring two calls sent 60 s apart a little closer, so the window is shortened by the same slack.
                while (calls[j].ArrivedUtc <= calls[i].ArrivedUtc - (TimeSpan.FromSeconds(60) - InFlightSlack))
                {
                    j++;
                }

                if (i - j + 1 > CallsPerMinute)
                {
                    overBudget.Add($"{name}: {i - j + 1} calls in the 60 s up to {calls[i].ArrivedUtc:HH:mm:ss.fff}");
                    break;
                }
            }

            foreach (var throttled in calls.Where(r => r.Fault == SimulatorFaults.RateLimited))
            {
                var from = throttled.AnsweredUtc + RetryAfterSlack;
                var until = throttled.AnsweredUtc + TimeSpan.FromSeconds(throttled.RetryAfterSeconds!.Value);
                early.AddRange(calls.Where(r => r.ArrivedUtc > from && r.ArrivedUtc < until)
                    .Select(r => $"{name}: a call at {r.ArrivedUtc:HH:mm:ss.fff}, {(r.ArrivedUtc - throttled.AnsweredUtc).TotalMilliseconds:0} ms after a 429 (Retry-After {throttled.RetryAfterSeconds} s)"));
            }
        }

        var faults = log.Where(r => r.Fault is not null).GroupBy(r => r.Fault!).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
        var expired = log.Count(r => r.Status == 401);
        var report = $"Real-time soak: {jobs.Count} jobs ({healthy.Count} readable, {jobs.Count - healthy.Count} not scoped), {log.Count} requests over {(simulator.UtcNow - start).TotalSeconds:0} s, " +
            $"faults injected: {string.Join(", ", faults)}, 401 after early token death {expired}; states lost {lost.Count}, snapshots invented {invented.Count}, " +
            $"budget breaches {overBudget.Count}, calls during Retry-After {early.Count}.";
        TestContext.Current.TestOutputHelper?.WriteLine(report);

        Assert.True(lost.Count == 0, report + "\n" + string.Join('\n', lost.Take(20)));
        Assert.True(invented.Count == 0, report + "\n" + string.Join('\n', invented.Take(20)));
        Assert.True(overBudget.Count == 0, report + "\n" + string.Join('\n', overBudget));
        Assert.True(early.Count == 0, report + "\n" + string.Join('\n', early.Take(20)));
        Assert.All(notScoped, v => Assert.True(v is { } j && j.GetProperty("status").GetString() is "Registered" or "Waiting to appear" or null && j.GetProperty("lastError").ValueKind == JsonValueKind.String, $"a not-scoped job shows {v}"));
        Assert.Contains(log, r => r.Fault == SimulatorFaults.RateLimited);
        Assert.Contains(log, r => r.Fault == SimulatorFaults.Malformed);
    }

    private static async Task<Dictionary<string, JsonElement>> ReadAllAsync(TestApp app, CancellationToken ct)
    {
        var all = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        for (var offset = 0; ; offset += 500)
        {
            var page = await app.Http.GetFromJsonAsync<JsonElement>($"/api/jobs?limit=500&offset={offset}", ct);
            foreach (var job in page.GetProperty("jobs").EnumerateArray())
            {
                all[job.GetProperty("jobId").GetString()!] = job;
            }

            if (offset + 500 >= page.GetProperty("total").GetInt32())
            {
                return all;
            }
        }
    }

    private static SimulatorHostility Copy(SimulatorHostility h) => new()
    {
        LatencyMs = h.LatencyMs,
        LatencyJitterMs = h.LatencyJitterMs,
        ServerErrorShare = h.ServerErrorShare,
        MaxRequestsPerSecond = h.MaxRequestsPerSecond,
        RetryAfterSeconds = h.RetryAfterSeconds,
        MalformedShare = h.MalformedShare,
        OddStatusShare = h.OddStatusShare,
    };

    private static string? Cut(string? text) => SnapshotAudit.Cut(text);
}
