using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Npgsql;
using TaskWatch.Simulator;
using TaskWatch.Tests.Alerts;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Reliability;

/// <summary>
/// Three TaskWatch processes on one PostgreSQL database and one simulator: the accounts spread over them, a
/// killed holder's account is taken over within <c>TaskWatch:Storage:LeaseTakeover</c> (15 s by default) with
/// the budget kept across instances and nothing duplicated, and every instance sees what the others store.
/// Skipped without PostgreSQL binaries, failing instead when CI is set (<see cref="PostgreSqlServer"/>).
/// </summary>
[Collection(nameof(HeavyCollection))]
public sealed class MultiInstanceTests(PostgreSqlServer server)
{
    private static readonly TimeSpan Takeover = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task KillingTheHolder_AnotherInstanceTakesTheAccountOver_WithinTheLimit_BudgetKept_NothingDuplicated()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await server.DatabaseAsync();
        await using var cluster = await MultiInstanceCluster.StartAsync(connectionString, ["a", "b", "c"], callsPerMinute: 20, instances: 3, ct);
        var jobs = new List<(string Project, string Id)>();
        foreach (var project in new[] { "p-a", "p-b", "p-c" })
        {
            // More reads wanted than the budget allows (12 jobs read every 0.5 s against 20 calls a minute).
            for (var i = 0; i < 12; i++)
            {
                jobs.Add((project, cluster.AddJob(project, TimeSpan.FromMinutes(10)).Id));
            }
        }

        using (var http = new HttpClient { BaseAddress = cluster.Instances[0].BaseUri })
        {
            var batch = await http.PostAsJsonAsync("/api/jobs/batch", new { jobs = jobs.Select(j => new { project = j.Project, jobId = j.Id }) }, ct);
            Assert.Equal(jobs.Count, (await batch.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accepted").GetInt32());
        }

        // Spread: each instance ends up polling one account of the three, none two.
        var holder = await TestApp.EventuallyAsync(
            async () => await cluster.HeldAsync(ct) is var held && held.All(h => h is { Length: 1 }) && held.SelectMany(h => h!).Distinct().Count() == 3
                ? held.FindIndex(h => h![0] == "a") : (int?)null,
            TimeSpan.FromSeconds(120),
            "each of the three instances to hold one account");

        var stopwatch = Stopwatch.StartNew();
        cluster.Instances[holder].KillHard();
        var taker = await TestApp.EventuallyAsync(
            async () => (await cluster.HeldAsync(ct)).FindIndex(h => h?.Contains("a") == true) is var i and >= 0 ? (int?)i : null,
            TimeSpan.FromSeconds(60),
            "another instance to take account a over");
        var takeover = stopwatch.Elapsed;
        TestContext.Current.TestOutputHelper?.WriteLine($"Account a taken over by instance {taker} {takeover.TotalSeconds:0.0} s after its holder (instance {holder}) was killed.");
        Assert.NotEqual(holder, taker);
        Assert.True(takeover <= Takeover, $"the takeover took {takeover.TotalSeconds:0.0} s, more than the {Takeover.TotalSeconds:0} s allowed");

        // The new holder polls the account from the stored schedule: its jobs are read again after the takeover.
        var takenAt = DateTime.UtcNow;
        using (var http = new HttpClient { BaseAddress = cluster.Instances[taker].BaseUri })
        {
            await TestApp.EventuallyAsync(
                async () =>
                {
                    var list = await http.GetFromJsonAsync<JsonElement>("/api/jobs?limit=100&project=p-a", ct);
                    return list.GetProperty("jobs").EnumerateArray().Any(j => j.TryGetProperty("lastRead", out var at) && at.ValueKind == JsonValueKind.String && at.GetDateTime() > takenAt) ? true : (bool?)null;
                },
                TimeSpan.FromSeconds(60),
                "a job of account a to be read by its new holder");
            var all = await http.GetFromJsonAsync<JsonElement>("/api/jobs?limit=100", ct);
            Assert.Equal(jobs.Count, all.GetProperty("total").GetInt32());
        }

        Assert.Equal(0, cluster.OverBudgetCalls);
        Assert.Empty(await DuplicatedSnapshotsAsync(connectionString));
    }

    [Fact]
    public async Task JobsEndAroundTheHoldersKill_EveryEndIsShownOnTheSurvivor_WithinTakeoverPlusTwiceTheSweepPlus5s()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await server.DatabaseAsync();
        var settings = new Dictionary<string, string> { ["TaskWatch__Projects__p-a__ListApi"] = "true" };
        await using var cluster = await MultiInstanceCluster.StartAsync(connectionString, ["a"], callsPerMinute: 60, instances: 2, ct, settings);
        var jobs = Enumerable.Range(0, 100).Select(_ => cluster.AddJob("p-a", TimeSpan.FromHours(10))).ToList();
        using (var http = new HttpClient { BaseAddress = cluster.Instances[0].BaseUri })
        {
            var batch = await http.PostAsJsonAsync("/api/jobs/batch", new { jobs = jobs.Select(j => new { project = "p-a", jobId = j.Id }) }, ct);
            Assert.Equal(jobs.Count, (await batch.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accepted").GetInt32());
        }

        var holder = await TestApp.EventuallyAsync(
            async () => (await cluster.HeldAsync(ct)).FindIndex(h => h?.Contains("a") == true) is var i and >= 0 ? (int?)i : null,
            TimeSpan.FromSeconds(60),
            "an instance to hold account a");
        var survivor = 1 - holder;

        // Half the jobs end from 5 s before the kill to 10 s after it (every third of them fails): some
        // while the holder still polls, most while nobody does.
        var kill = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        var ending = new List<SimulatedJob>();
        for (var i = 0; i < 50; i++)
        {
            var end = kill + TimeSpan.FromSeconds(-5 + (15.0 * i / 50));
            var job = jobs[2 * i] with { Duration = end - jobs[2 * i].CreatedUtc };
            job = i % 3 == 0 ? job with { Duration = job.Duration / 0.9, FailsAt = 0.9, FailReason = "simulated failure" } : job;
            cluster.Simulator.Add(job);
            ending.Add(job);
        }

        await Task.Delay(kill - DateTime.UtcNow, ct);
        var stopwatch = Stopwatch.StartNew();
        cluster.Instances[holder].KillHard();
        using var survivorHttp = new HttpClient { BaseAddress = cluster.Instances[survivor].BaseUri };
        var wrong = new List<string>();
        var allShown = await TestApp.EventuallyAsync(
            async () =>
            {
                var list = await survivorHttp.GetFromJsonAsync<JsonElement>("/api/jobs?limit=200&project=p-a", ct);
                var shown = list.GetProperty("jobs").EnumerateArray().ToDictionary(j => j.GetProperty("jobId").GetString()!);
                wrong = [.. ending.Where(j => !(shown.TryGetValue(j.Id, out var v)
                    && v.GetProperty("status").GetString() == (j.FailsAt is null ? "Completed" : "Failed")
                    && v.GetProperty("ended").ValueKind == JsonValueKind.String
                    && Math.Abs((v.GetProperty("ended").GetDateTime().ToUniversalTime() - j.EndedAt(DateTime.UtcNow)!.Value).TotalSeconds) < 1))
                    .Select(j => j.Id)];
                return wrong.Count == 0 ? stopwatch.Elapsed : (TimeSpan?)null;
            },
            TimeSpan.FromSeconds(90),
            "every job that ended to be shown ended on the surviving instance");

        // Two list pages (50 rows each) cover the account's 100 jobs: the sweep limit is 2 s at one call a second.
        var limit = Takeover + TimeSpan.FromSeconds((2 * 2) + 5);
        TestContext.Current.TestOutputHelper?.WriteLine($"Every end shown on the survivor {allShown.TotalSeconds:0.0} s after the kill (limit {limit.TotalSeconds:0} s).");
        Assert.True(allShown <= limit, $"the survivor showed every end {allShown.TotalSeconds:0.0} s after the kill, more than {limit.TotalSeconds:0} s");
        Assert.Equal(0, cluster.OverBudgetCalls);
    }

    [Fact]
    public async Task JobRegisteredOnOneInstance_IsPolledByTheHolder_AndEveryChangeReachesAThirdInstancesEventStream()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await server.DatabaseAsync();
        await using var cluster = await MultiInstanceCluster.StartAsync(connectionString, ["a"], callsPerMinute: 600, instances: 3, ct);
        var holder = await SoleHolderAsync(cluster, ct);
        var registering = cluster.Instances[(holder + 1) % 3];
        var watching = cluster.Instances[(holder + 2) % 3];
        var first = cluster.AddJob("p-a", TimeSpan.FromMinutes(10));
        SimulatedJob? job = null;

        // Neither the registering nor the watching instance polls the account: what the watcher's stream
        // shows came from the holder's commits, through NOTIFY and the watcher's live store.
        using var watcher = new HttpClient { BaseAddress = watching.BaseUri, Timeout = Timeout.InfiniteTimeSpan };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        var seen = new System.Collections.Concurrent.ConcurrentQueue<(string JobId, string Status, DateTime Observed, DateTime Received)>();
        var reading = Task.Run(
            async () =>
            {
                // The stream's headers come with its first event, so the request is made here, not awaited before.
                using var response = await watcher.GetAsync("/api/events?project=p-a", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
                await foreach (var item in SseParser.Create(stream).EnumerateAsync(timeout.Token))
                {
                    var received = DateTime.UtcNow;
                    var data = JsonDocument.Parse(item.Data).RootElement;
                    seen.Enqueue((data.GetProperty("jobId").GetString()!, data.GetProperty("status").GetString()!, data.GetProperty("observed").GetDateTime().ToUniversalTime(), received));
                    if (data.GetProperty("jobId").GetString() == job?.Id && data.GetProperty("status").GetString() == "Completed")
                    {
                        break;
                    }
                }
            },
            CancellationToken.None);

        using var http = new HttpClient { BaseAddress = registering.BaseUri };
        await RegisterAsync(http, first.Id, ct);
        // The stream is open once it carries the first job's changes; the measured job is registered after that.
        await TestApp.EventuallyAsync(() => Task.FromResult(seen.Any(e => e.JobId == first.Id) ? true : (bool?)null), TimeSpan.FromSeconds(60), "the watcher's stream to show the first job");
        job = cluster.AddJob("p-a", TimeSpan.FromSeconds(6));
        await RegisterAsync(http, job.Id, ct);
        await reading;
        var events = seen.Where(e => e.JobId == job.Id).ToList();
        Assert.Contains(events, e => e.Status == "Running");
        Assert.Equal("Completed", events[^1].Status);
        var latencies = events.Select(e => e.Received - e.Observed).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{events.Count} changes seen on the watching instance; read by the holder to received by the watcher: "
            + string.Join(", ", latencies.Select(l => $"{l.TotalMilliseconds:0} ms")));
        Assert.All(latencies, l => Assert.True(l <= TimeSpan.FromSeconds(1), $"a change reached the watcher {l.TotalMilliseconds:0} ms after it was read"));
    }

    [Fact]
    public async Task StopTrackingOnANonHolder_TheHolderStopsPollingTheJob_AndEveryInstanceShowsItStopped()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await server.DatabaseAsync();
        await using var cluster = await MultiInstanceCluster.StartAsync(connectionString, ["a"], callsPerMinute: 600, instances: 3, ct);
        var reads = new System.Collections.Concurrent.ConcurrentQueue<(string JobId, DateTime At)>();
        cluster.Simulator.Served = (job, at) => reads.Enqueue((job.Id, at));
        var holder = await SoleHolderAsync(cluster, ct);
        var other = cluster.Instances[(holder + 1) % 3];
        // Its progress moves every 1.8 s, so the poller keeps reading it at about that pace or faster.
        var job = cluster.AddJob("p-a", TimeSpan.FromMinutes(3));
        using var http = new HttpClient { BaseAddress = other.BaseUri };
        await RegisterAsync(http, job.Id, ct);

        // Registered on an instance that does not hold the account: the holder reads it, again and again.
        await TestApp.EventuallyAsync(() => Task.FromResult(ReadsOf(job.Id).Count >= 5 ? true : (bool?)null), TimeSpan.FromSeconds(60), "the holder to read the job five times");
        var tracked = ReadsOf(job.Id);
        var gap = tracked.Zip(tracked.Skip(1), (a, b) => b - a).Max();

        var stop = await http.DeleteAsync($"/api/jobs/p-a/{job.Id}", ct);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, stop.StatusCode);
        foreach (var instance in cluster.Instances)
        {
            using var client = new HttpClient { BaseAddress = instance.BaseUri };
            await TestApp.EventuallyAsync(
                async () =>
                {
                    var detail = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/p-a/{job.Id}", ct);
                    var shown = detail.GetProperty("job");
                    var list = await client.GetFromJsonAsync<JsonElement>("/api/jobs?limit=100&project=p-a&tracking=true", ct);
                    return !shown.GetProperty("tracking").GetBoolean() && shown.GetProperty("phase").GetString() == "Stopped"
                        && list.GetProperty("jobs").EnumerateArray().All(j => j.GetProperty("jobId").GetString() != job.Id) ? true : (bool?)null;
                },
                TimeSpan.FromSeconds(30),
                $"instance {cluster.Instances.ToList().IndexOf(instance)} to show the job stopped");
        }

        // A read already in flight when the stop arrived may still land; after that none, for three times the
        // longest gap between its reads while it was tracked.
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        var before = ReadsOf(job.Id).Count;
        var window = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(3).Ticks, 3 * gap.Ticks));
        await Task.Delay(window, ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"{tracked.Count} reads while tracked (longest gap {gap.TotalSeconds:0.0} s); {ReadsOf(job.Id).Count - before} in the {window.TotalSeconds:0.0} s after the stop showed everywhere.");
        Assert.Equal(before, ReadsOf(job.Id).Count);
        Assert.Equal(holder, (await cluster.HeldAsync(ct)).FindIndex(h => h is { Length: 1 }));

        List<DateTime> ReadsOf(string id) => [.. reads.Where(r => r.JobId == id).Select(r => r.At)];
    }

    [Fact]
    public async Task JobsFailWhileThreeInstancesRun_AndAHolderIsKilled_EachAlertReachesTheReceiverExactlyOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await server.DatabaseAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        string[] channels = ["hook", "hook2"];
        var settings = new Dictionary<string, string>
        {
            ["TaskWatch__Alerts__PublicBaseUrl"] = "https://taskwatch.example.com",
            ["TaskWatch__Alerts__RetryDelay"] = "00:00:00.050",
            ["TaskWatch__Alerts__Rules__failed__On__0"] = "Failed",
        };
        for (var i = 0; i < channels.Length; i++)
        {
            settings[$"TaskWatch__Alerts__Channels__{channels[i]}__Kind"] = "Webhook";
            settings[$"TaskWatch__Alerts__Channels__{channels[i]}__Url"] = new Uri(receiver.BaseUri, channels[i]).AbsoluteUri;
            settings[$"TaskWatch__Alerts__Rules__failed__Channels__{i}"] = channels[i];
        }

        await using var cluster = await MultiInstanceCluster.StartAsync(connectionString, ["a", "b", "c"], callsPerMinute: 600, instances: 3, ct, settings);
        var holder = await TestApp.EventuallyAsync(
            async () => await cluster.HeldAsync(ct) is var held && held.All(h => h is { Length: 1 }) && held.SelectMany(h => h!).Distinct().Count() == 3
                ? held.FindIndex(h => h![0] == "a") : (int?)null,
            TimeSpan.FromSeconds(120),
            "each of the three instances to hold one account");

        // The first group fails within seconds; the second fails well after account a's holder is killed and taken over.
        var early = new List<SimulatedJob>();
        var late = new List<SimulatedJob>();
        foreach (var project in new[] { "p-a", "p-b", "p-c" })
        {
            for (var i = 0; i < 3; i++)
            {
                early.Add(cluster.AddJob(project, TimeSpan.FromSeconds(4 + i), failsAt: 0.5));
                late.Add(cluster.AddJob(project, TimeSpan.FromSeconds(70 + (4 * i)), failsAt: 0.5));
            }
        }

        using (var http = new HttpClient { BaseAddress = cluster.Instances[(holder + 1) % 3].BaseUri })
        {
            var all = early.Concat(late).Select(j => new { project = ProjectOf(cluster, j), jobId = j.Id });
            var batch = await http.PostAsJsonAsync("/api/jobs/batch", new { jobs = all }, ct);
            Assert.Equal(early.Count + late.Count, (await batch.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accepted").GetInt32());
        }

        await TestApp.EventuallyAsync(
            () => Task.FromResult(early.All(j => receiver.Bodies.Any(b => JobOf(b) == j.Id)) ? true : (bool?)null),
            TimeSpan.FromSeconds(60),
            "the early jobs' alerts");
        cluster.Instances[holder].KillHard();
        await TestApp.EventuallyAsync(
            async () => (await cluster.HeldAsync(ct)).Any(h => h?.Contains("a") == true) ? true : (bool?)null,
            TimeSpan.FromSeconds(60),
            "another instance to take account a over");

        await TestApp.EventuallyAsync(
            () => Task.FromResult(receiver.Bodies.Count >= (early.Count + late.Count) * channels.Length ? true : (bool?)null),
            TimeSpan.FromSeconds(120),
            "every job's alert on every channel");
        // Anything sent twice would come on the heels of the first: give it the time of a few polls.
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var received = receiver.Received.Select(r => (Path: r.Path.TrimStart('/'), Job: JobOf(r.Body), Event: r.Body.GetProperty("event").GetString())).ToList();
        var expected = early.Concat(late).SelectMany(j => channels.Select(c => (Path: c, Job: (string?)j.Id, Event: (string?)"Failed"))).OrderBy(x => x.Job).ThenBy(x => x.Path).ToList();
        Assert.Equal(expected, received.OrderBy(x => x.Job).ThenBy(x => x.Path).ToList());

        static string? JobOf(JsonElement body) => body.GetProperty("job").GetProperty("jobId").GetString();
    }

    [Fact]
    public async Task AnInstanceStarting_LeavesAnotherLiveInstancesPendingDelivery_WhoeverTakesTheAccountOverClosesIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await server.DatabaseAsync();
        await using var cluster = await MultiInstanceCluster.StartAsync(connectionString, ["a"], callsPerMinute: 600, instances: 2, ct);
        var holder = await TestApp.EventuallyAsync(
            async () => (await cluster.HeldAsync(ct)).FindIndex(h => h is { Length: 1 }) is var i and >= 0 ? (int?)i : null,
            TimeSpan.FromSeconds(60),
            "one instance to hold the account");

        // A delivery the holder has claimed and is still sending, as its row stands meanwhile.
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO "AlertDeliveries" ("Project", "JobId", "Event", "Channel", "Rule", "Status", "Attempts", "CreatedUtc")
                VALUES ('p-a', 'job-in-flight', 'Failed', 'hook', 'failed', 0, 0, @at)
                """,
                connection);
            insert.Parameters.AddWithValue("at", DateTime.UtcNow.Ticks);
            await insert.ExecuteNonQueryAsync(ct);
        }

        var joining = await cluster.AddInstanceAsync(ct);
        using (var http = new HttpClient { BaseAddress = joining.BaseUri })
        {
            Assert.True((await http.GetAsync("/healthz", ct)).IsSuccessStatusCode);
        }

        // The joining instance's alert service has started (its start-up closing ran first thing); give it a moment.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        Assert.Equal((0, (string?)null), await DeliveryAsync(connectionString, ct));

        cluster.Instances[holder].KillHard();
        await TestApp.EventuallyAsync(
            async () => (await cluster.HeldAsync(ct)).Any(h => h?.Contains("a") == true) ? true : (bool?)null,
            TimeSpan.FromSeconds(60),
            "another instance to take account a over");
        Assert.Equal((2, (string?)"TaskWatch stopped during delivery; not resent (at most once)"), await DeliveryAsync(connectionString, ct));
    }

    private static async Task<(int Status, string? LastError)> DeliveryAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var select = new NpgsqlCommand("""SELECT "Status", "LastError" FROM "AlertDeliveries" WHERE "JobId" = 'job-in-flight'""", connection);
        await using var reader = await select.ExecuteReaderAsync(ct);
        Assert.True(await reader.ReadAsync(ct));
        return (reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    [Fact]
    public async Task RunningJobWithHistory_ShowsItsEtaOnInstancesThatDoNotPollIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await server.DatabaseAsync();
        await using var cluster = await MultiInstanceCluster.StartAsync(connectionString, ["a"], callsPerMinute: 600, instances: 3, ct);
        var holder = await SoleHolderAsync(cluster, ct);
        var others = new[] { cluster.Instances[(holder + 1) % 3], cluster.Instances[(holder + 2) % 3] };
        using var http = new HttpClient { BaseAddress = others[0].BaseUri };

        // Three runs of one kind end while the instances run (none is seeded from the start-up history): the
        // instances that did not poll them learn them from the holder's commits.
        var history = Enumerable.Range(0, 3).Select(_ => cluster.AddJob("p-a", TimeSpan.FromSeconds(20))).ToList();
        foreach (var done in history)
        {
            await RegisterAsync(http, done.Id, ct);
        }

        await TestApp.EventuallyAsync(
            async () =>
            {
                var list = await http.GetFromJsonAsync<JsonElement>("/api/jobs?limit=100&project=p-a&status=Completed", ct);
                return list.GetProperty("total").GetInt32() == history.Count ? true : (bool?)null;
            },
            TimeSpan.FromSeconds(90),
            "the three runs to complete");

        var running = cluster.AddJob("p-a", TimeSpan.FromMinutes(5));
        await RegisterAsync(http, running.Id, ct);
        foreach (var instance in others)
        {
            using var client = new HttpClient { BaseAddress = instance.BaseUri };
            var job = await TestApp.EventuallyAsync(
                async () =>
                {
                    var shown = (await client.GetFromJsonAsync<JsonElement>($"/api/jobs/p-a/{running.Id}", ct)).GetProperty("job");
                    return shown.GetProperty("status").GetString() == "Running" && shown.TryGetProperty("usualSeconds", out var usual) && usual.ValueKind == JsonValueKind.Number
                        ? shown : (JsonElement?)null;
                },
                TimeSpan.FromSeconds(15),
                "a non-holder to show the running job's usual duration");
            Assert.InRange(job.GetProperty("usualSeconds").GetDouble(), 15, 30);
            Assert.Equal(JsonValueKind.String, job.GetProperty("eta").ValueKind);
        }
    }

    [Fact]
    public async Task PollsThatChangeNothingButPollTimes_MoveANonHoldersLastRead()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await server.DatabaseAsync();
        await using var cluster = await MultiInstanceCluster.StartAsync(connectionString, ["a"], callsPerMinute: 600, instances: 3, ct);
        var holder = await SoleHolderAsync(cluster, ct);
        using var other = new HttpClient { BaseAddress = cluster.Instances[(holder + 1) % 3].BaseUri };

        // Ten hours at 1 % a step: no content changes while it is watched, so only poll-times notifications
        // (applied without a read, issue 32) can move the non-holder's view of when it was last read.
        var job = cluster.AddJob("p-a", TimeSpan.FromHours(10));
        await RegisterAsync(other, job.Id, ct);
        var seen = new HashSet<DateTime>();
        JsonElement shown = default;
        await TestApp.EventuallyAsync(
            async () =>
            {
                using var wait = await other.GetAsync($"/api/jobs/p-a/{job.Id}/wait?timeout=0", ct);
                shown = (await wait.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("job");
                if (shown.GetProperty("lastRead").ValueKind == JsonValueKind.String)
                {
                    seen.Add(shown.GetProperty("lastRead").GetDateTime());
                }

                return seen.Count >= 4 ? true : (bool?)null;
            },
            TimeSpan.FromSeconds(60),
            "the non-holder's live view to show four successive reads of the job");
        Assert.Equal("Running", shown.GetProperty("status").GetString());
        Assert.True(DateTime.UtcNow - seen.Max().ToUniversalTime() < TimeSpan.FromSeconds(10), $"the last read shown, {seen.Max():O}, is not recent");
    }

    [Fact]
    public async Task AListAnswersPollTimes_StoredAsOneBatch_MoveEveryJobOnANonHolder()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await server.DatabaseAsync();
        await using var cluster = await MultiInstanceCluster.StartAsync(connectionString, ["a"], callsPerMinute: 60, instances: 3, ct,
            new Dictionary<string, string> { ["TaskWatch__Projects__p-a__ListApi"] = "true" });
        var holder = await SoleHolderAsync(cluster, ct);
        using var other = new HttpClient { BaseAddress = cluster.Instances[(holder + 1) % 3].BaseUri };
        await using var listener = new NpgsqlConnection(connectionString);
        var batched = 0;
        listener.Notification += (_, e) =>
        {
            if (e.Payload.Split(',').Count(entry => entry.Contains(':', StringComparison.Ordinal)) > 1)
            {
                Interlocked.Increment(ref batched);
            }
        };
        await listener.OpenAsync(ct);
        await using (var listen = new NpgsqlCommand("LISTEN taskwatch_jobs", listener))
        {
            await listen.ExecuteNonQueryAsync(ct);
        }

        using var stopListening = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var listening = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await listener.WaitAsync(stopListening.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);

        // Thirty jobs of ten hours: one list answer reads them all, the holder stores their poll times as one
        // statement, and its trigger sends them in one notification; the non-holder applies each job's times.
        var jobs = Enumerable.Range(0, 30).Select(_ => cluster.AddJob("p-a", TimeSpan.FromHours(10))).ToList();
        var register = await other.PostAsJsonAsync("/api/jobs/batch", new { jobs = jobs.Select(j => new { project = "p-a", jobId = j.Id }) }, ct);
        Assert.True(register.IsSuccessStatusCode, $"{register.StatusCode}: {await register.Content.ReadAsStringAsync(ct)}");
        var seen = jobs.ToDictionary(j => j.Id, _ => new HashSet<DateTime>());
        await TestApp.EventuallyAsync(
            async () =>
            {
                foreach (var job in jobs.Where(j => seen[j.Id].Count < 3))
                {
                    using var wait = await other.GetAsync($"/api/jobs/p-a/{job.Id}/wait?timeout=0", ct);
                    var shown = (await wait.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("job");
                    if (shown.GetProperty("lastRead").ValueKind == JsonValueKind.String)
                    {
                        seen[job.Id].Add(shown.GetProperty("lastRead").GetDateTime());
                    }
                }

                return seen.Values.All(s => s.Count >= 3) ? true : (bool?)null;
            },
            TimeSpan.FromSeconds(90),
            "the non-holder's live view to show three successive reads of every job");
        await stopListening.CancelAsync();
        await listening;
        Assert.True(Volatile.Read(ref batched) > 0, "no notification carried the poll times of more than one job");
    }

    [Fact]
    public async Task JobsEndingWhileAnInstanceStarts_AreEveryOneShownEndedOnIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await server.DatabaseAsync();
        await using var cluster = await MultiInstanceCluster.StartAsync(connectionString, ["a"], callsPerMinute: 6000, instances: 1, ct,
            new Dictionary<string, string> { ["TaskWatch__Api__RequestsPerMinute"] = "0" });
        var jobs = Enumerable.Range(0, 100).Select(_ => cluster.AddJob("p-a", TimeSpan.FromHours(10))).ToList();
        using (var http = new HttpClient { BaseAddress = cluster.Instances[0].BaseUri })
        {
            var batch = await http.PostAsJsonAsync("/api/jobs/batch", new { jobs = jobs.Select(j => new { project = "p-a", jobId = j.Id }) }, ct);
            Assert.Equal(jobs.Count, (await batch.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accepted").GetInt32());
        }

        // The jobs end one after the other over 20 s from now, and a second instance starts among them: the ends its
        // holder stores while the newcomer loads every job and starts listening must all reach the newcomer's view
        // (it once read the jobs before it listened, and never heard of an end stored in between).
        var start = DateTime.UtcNow;
        var ending = jobs.Select((job, i) => job with { Duration = start + TimeSpan.FromSeconds(4 + (20.0 * i / jobs.Count)) - job.CreatedUtc }).ToList();
        ending.ForEach(cluster.Simulator.Add);
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var newcomer = await cluster.AddInstanceAsync(ct);
        using var newcomerHttp = new HttpClient { BaseAddress = newcomer.BaseUri };
        await Task.Delay(start + TimeSpan.FromSeconds(25) - DateTime.UtcNow, ct);
        var notShown = new List<string>();
        await TestApp.EventuallyAsync<bool>(
            async () =>
            {
                notShown.Clear();
                foreach (var job in ending)
                {
                    using var wait = await newcomerHttp.GetAsync($"/api/jobs/p-a/{job.Id}/wait?timeout=0", ct);
                    if (!wait.IsSuccessStatusCode)
                    {
                        notShown.Add($"{job.Id}: HTTP {(int)wait.StatusCode} {await wait.Content.ReadAsStringAsync(ct)}");
                        continue;
                    }

                    var shown = (await wait.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("job");
                    if (shown.GetProperty("status").GetString() != "Completed")
                    {
                        notShown.Add($"{job.Id}: {shown.GetProperty("status").GetString()}");
                    }
                }

                if (notShown.Count == 0 || DateTime.UtcNow > start + TimeSpan.FromSeconds(45))
                {
                    return true;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                return null;
            },
            TimeSpan.FromSeconds(30),
            "the newcomer's live view to answer");
        Assert.True(notShown.Count == 0, $"{notShown.Count} of {ending.Count} jobs not shown ended on the newcomer 20 s after the last ended, e.g. {string.Join(", ", notShown.Take(3))}");
    }

    private static string ProjectOf(MultiInstanceCluster cluster, SimulatedJob job) => cluster.ProjectIds.Single(p => p.Value == job.ProjectId).Key;

    private static async Task RegisterAsync(HttpClient http, string jobId, CancellationToken ct)
    {
        var register = await http.PostAsJsonAsync("/api/jobs", new { project = "p-a", jobId }, ct);
        Assert.True(register.IsSuccessStatusCode, $"{register.StatusCode}: {await register.Content.ReadAsStringAsync(ct)}");
    }

    /// <summary>Two consecutive snapshots of one job with the same content (wide fields filled forward): a write made twice.</summary>
    private static async Task<List<string>> DuplicatedSnapshotsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT "TrackedJobId", "State", "StatusWord", "Progress", "Name", "EndedUtc", "FailReason", "EntitiesJson"
            FROM "JobSnapshots" ORDER BY "TrackedJobId", "ObservedUtc", "Id"
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var duplicates = new List<string>();
        long job = -1;
        string? previous = null;
        var wide = new string?[4];
        while (await reader.ReadAsync())
        {
            if (reader.GetInt64(0) != job)
            {
                job = reader.GetInt64(0);
                previous = null;
                wide = new string?[4];
            }

            for (var i = 0; i < 4; i++)
            {
                wide[i] = reader.IsDBNull(4 + i) ? wide[i] : Convert.ToString(reader.GetValue(4 + i), System.Globalization.CultureInfo.InvariantCulture);
            }

            var content = $"{reader.GetValue(1)}|{reader.GetValue(2)}|{reader.GetValue(3)}|{string.Join('|', wide)}";
            if (content == previous)
            {
                duplicates.Add($"job row {job}: {content}");
            }

            previous = content;
        }

        return duplicates;
    }

    /// <summary>With one account and three instances: the index of the instance that holds it, once the other two hold none.</summary>
    private static Task<int> SoleHolderAsync(MultiInstanceCluster cluster, CancellationToken ct) => TestApp.EventuallyAsync(
        async () => await cluster.HeldAsync(ct) is var held && held.Count(h => h is { Length: 1 }) == 1 && held.Count(h => h is { Length: 0 }) == 2
            ? held.FindIndex(h => h is { Length: 1 }) : (int?)null,
        TimeSpan.FromSeconds(60),
        "one instance to hold the account");
}
