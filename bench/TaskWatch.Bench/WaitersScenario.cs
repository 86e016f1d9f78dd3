using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using TaskWatch.Core;
using TaskWatch.Simulator;
using TaskWatch.Tracking;

namespace TaskWatch.Bench;

/// <summary>
/// Scenario "waiters": N jobs that end at scripted times within the window, each with one client held on
/// <c>/wait</c>, then M clients on <c>/api/events</c> while jobs change. Cloud calls are the simulator's
/// count against the poller's own (its <c>taskwatch.polls</c> counter); waiters and streams should add none.
/// </summary>
public sealed class WaitersScenario(BenchSize size)
{
    private int Waiters => size.Quick ? 100 : 1_000;

    private int Streams => size.Quick ? 10 : 100;

    public async Task<ScenarioReport> RunAsync()
    {
        var report = new ScenarioReport($"5. Waiters and event streams — {Waiters:#,0} waiters on {Waiters:#,0} jobs, {Streams} event-stream clients");
        var extraCalls = new List<double>();
        var answerLag = new List<double>();
        var memoryGrowth = new List<double>();
        var eventLagP99 = new List<double>();
        var eventsMissedOrRepeated = new List<double>();
        for (var rep = 0; rep < (size.Quick ? 1 : 3); rep++)
        {
            await RunOnceAsync(extraCalls, answerLag, memoryGrowth, eventLagP99, eventsMissedOrRepeated, rep);
        }

        report.Add(Figure.EachAtMost("cloud calls beyond the poller's own (per run)", "calls", extraCalls, 0));
        report.Add(Figure.EachAtMost("waiter answered after the read that ended its job (each waiter, worst)", "s", answerLag, 1));
        report.Add(Figure.AtMost("resident memory growth with every waiter held", "MB", memoryGrowth, 50));
        report.Add(Figure.Info("event delivered after its read (p99 over every client)", "s", eventLagP99));
        report.Add(Figure.EachAtMost("events missed or received twice (all clients)", "events", eventsMissedOrRepeated, 0));
        report.Note($"In process: the real TaskWatch (BenchApp, running interval 5 s) against the in-process simulator. {Waiters:#,0} jobs end at scripted times 10–40 s after registration (a fifth of them Failed); each has one HttpClient request held on GET /api/jobs/{{project}}/{{jobId}}/wait?timeout=120, all started before the first job ends.");
        report.Note("Answer lag is measured from the job's lastRead (the confirming read that set phase Done, read before it was stored) to the 200 arriving at the client: an upper bound on the time after the end was stored.");
        report.Note("Memory: this process's working set (TaskWatch, the simulator and the bench's own clients) 5 s after every waiter connected, less just before the first (the jobs already registered); so it also counts the clients' side of the connections, and the working set moves with the GC by some MB either way.");
        report.Note($"Event streams: {Streams} clients on GET /api/events for 15 s (quick: 5 s) while the jobs of a second set change; each client's ids are checked against the snapshots stored in that time (none missing, none twice). The dashboard's own figures under this load are scenario 3's and were not measured together with it.");
        return report;
    }

    private async Task RunOnceAsync(List<double> extraCalls, List<double> answerLag, List<double> memoryGrowth, List<double> eventLagP99, List<double> eventsWrong, int seed)
    {
        var simulator = new TaskCenterSimulator(TimeProvider.System, SimulatorCredentials.CreateRandom());
        await using var simHost = await SimulatorHost.StartAsync(simulator);
        var rds = simulator.AddProject(CloudService.Rds, "eu-de");
        var dds = simulator.AddProject(CloudService.Dds, "eu-de");
        long polls = 0;
        using var meter = new MeterListener();
        meter.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PollerMetrics.MeterName && instrument.Name == "taskwatch.polls")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meter.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref polls, value));
        meter.Start();

        await using var app = await BenchApp.StartAsync(simHost, rds, dds, TimeSpan.FromSeconds(5));
        using var http = new HttpClient { BaseAddress = app.Host.BaseUri, Timeout = TimeSpan.FromMinutes(5) };
        var random = new Random(seed);
        var jobs = Enumerable.Range(0, Waiters).Select(i => Ending(simulator, i % 2 == 0 ? rds : dds, random, TimeSpan.FromSeconds(10 + (30 * random.NextDouble())))).ToList();
        var callsBefore = simulator.Requests;
        var pollsBefore = Interlocked.Read(ref polls);
        await app.RegisterAsync(jobs.Select(j => (ProjectOf(j, rds), j.Id)));
        // After registering, so the figure is what the waiters add, not the tracked jobs themselves.
        GC.Collect();
        var memoryBefore = Process.GetCurrentProcess().WorkingSet64;
        var waits = jobs.Select(j => WaitAsync(http, ProjectOf(j, rds), j.Id)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(5));
        memoryGrowth.Add((Process.GetCurrentProcess().WorkingSet64 - memoryBefore) / 1024.0 / 1024.0);
        var lags = await Task.WhenAll(waits);
        answerLag.Add(lags.Max());
        // Let reads in flight land in both counters before comparing them.
        await Task.Delay(TimeSpan.FromSeconds(1));
        extraCalls.Add(simulator.Requests - callsBefore - (Interlocked.Read(ref polls) - pollsBefore));

        await MeasureStreamsAsync(app, simulator, rds, dds, random, eventLagP99, eventsWrong);
    }

    private async Task MeasureStreamsAsync(BenchApp app, TaskCenterSimulator simulator, SimulatedProject rds, SimulatedProject dds, Random random, List<double> lagP99, List<double> wrong)
    {
        var jobs = Enumerable.Range(0, Waiters).Select(i => Ending(simulator, i % 2 == 0 ? rds : dds, random, TimeSpan.FromSeconds(60))).ToList();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, Streams).Select(_ => ReadEventsAsync(app.Host.BaseUri, stop.Token)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var firstId = await app.Service<TaskWatch.Storage.JobQueries>().LastChangeIdAsync(CancellationToken.None);
        await app.RegisterAsync(jobs.Select(j => (ProjectOf(j, rds), j.Id)));
        await Task.Delay(size.Quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(15));
        var lastId = await app.Service<TaskWatch.Storage.JobQueries>().LastChangeIdAsync(CancellationToken.None);
        // Everything stored by now reaches every client within a batch or two.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        var received = await Task.WhenAll(clients);
        var expected = Enumerable.Range((int)firstId + 1, (int)(lastId - firstId)).Select(i => (long)i).ToHashSet();
        var missingOrTwice = 0;
        foreach (var events in received)
        {
            var ids = events.Where(e => e.Id <= lastId).Select(e => e.Id).ToList();
            missingOrTwice += (ids.Count - ids.Distinct().Count()) + expected.Count(id => !ids.Contains(id));
        }

        wrong.Add(missingOrTwice);
        lagP99.Add(Samples.Percentile(received.SelectMany(e => e.Select(x => x.Lag)).ToList(), 99));
    }

    private static async Task<List<(long Id, double Lag)>> ReadEventsAsync(Uri baseUri, CancellationToken stop)
    {
        var events = new List<(long, double)>();
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            using var response = await http.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead, stop);
            await using var stream = await response.Content.ReadAsStreamAsync(stop);
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(stop))
            {
                var observed = JsonDocument.Parse(item.Data).RootElement.GetProperty("observed").GetDateTime();
                events.Add((long.Parse(item.EventId!, System.Globalization.CultureInfo.InvariantCulture), (DateTime.UtcNow - observed.ToUniversalTime()).TotalSeconds));
            }
        }
        catch (OperationCanceledException)
        {
            // the window is over
        }

        return events;
    }

    private static async Task<double> WaitAsync(HttpClient http, string project, string jobId)
    {
        while (true)
        {
            using var response = await http.GetAsync($"/api/jobs/{project}/{jobId}/wait?timeout=120");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var lastRead = body.GetProperty("job").GetProperty("lastRead").GetDateTime().ToUniversalTime();
                return (DateTime.UtcNow - lastRead).TotalSeconds;
            }

            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"wait answered {(int)response.StatusCode}: {body}");
            }
        }
    }

    private static string ProjectOf(SimulatedJob job, SimulatedProject rds) => job.ProjectId == rds.ProjectId ? BenchApp.RdsProject : BenchApp.DdsProject;

    private static SimulatedJob Ending(TaskCenterSimulator simulator, SimulatedProject project, Random random, TimeSpan duration)
    {
        var failing = random.Next(5) == 0;
        var job = new SimulatedJob
        {
            Id = project.Service == CloudService.Rds ? Guid.NewGuid().ToString("N") : Guid.NewGuid().ToString(),
            ProjectId = project.ProjectId,
            Kind = SimulatedJobKind.All.First(k => k.Service == project.Service),
            InstanceId = Guid.NewGuid().ToString("N") + "in01",
            InstanceName = "bench-wait",
            CreatedUtc = simulator.UtcNow,
            Invisible = TimeSpan.Zero,
            Duration = duration,
            FailsAt = failing ? 0.9 : null,
            FailReason = failing ? "bench failure" : null,
            ProgressStep = 5,
        };
        simulator.Add(job);
        return job;
    }
}
