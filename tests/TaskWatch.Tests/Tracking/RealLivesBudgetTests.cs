using System.Collections.Concurrent;
using System.Globalization;
using TaskWatch.Core;
using TaskWatch.Simulator;
using TaskWatch.Tracking;

namespace TaskWatch.Tests.Tracking;

/// <summary>
/// Issue 28 on a fake clock: a thousand jobs that live real lives (<see cref="JobLifeMix.Real"/>) in ten
/// projects of one account at 60 calls a minute, new ones appearing and registered as they start. Judged
/// at the simulator, as the bench does (docs/BENCHMARKS-NAMED.md, section 6), but free of the machine's load.
/// </summary>
[Collection(nameof(Reliability.HeavyCollection))]
public sealed class RealLivesBudgetTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    [Fact(Timeout = 900_000)]
    public async Task ThousandJobsLivingRealLives_NoViewShownAsRunningGetsOlderThanTwiceTheSweep()
    {
        var lastServed = new ConcurrentDictionary<string, DateTime>();
        var endServed = new ConcurrentDictionary<string, DateTime>();
        var jobs = new ConcurrentDictionary<string, (SimulatedJob Job, DateTime Registered, string Project)>();
        var poller = await PollerUnderTest.StartAsync((cloud, settings, projects) =>
        {
            cloud.Simulator.CallsPerMinutePerUser = 60;
            settings[$"TaskWatch:Accounts:{PollerUnderTest.Account}:Auth"] = "Token";
            settings[$"TaskWatch:Accounts:{PollerUnderTest.Account}:Token"] = cloud.Simulator.Credentials.FixedToken;
            settings[$"TaskWatch:Accounts:{PollerUnderTest.Account}:CallsPerMinute"] = "60";
            for (var i = 0; i < 10; i++)
            {
                var service = i < 5 ? CloudService.Rds : CloudService.Dds;
                var project = cloud.Simulator.AddProject(service, "eu-de");
                var name = $"p{i}";
                projects.Add((name, project));
                settings[$"TaskWatch:Projects:{name}:Account"] = PollerUnderTest.Account;
                settings[$"TaskWatch:Projects:{name}:Service"] = service.ToString();
                settings[$"TaskWatch:Projects:{name}:ProjectId"] = project.ProjectId;
                settings[$"TaskWatch:Projects:{name}:Region"] = "eu-de";
                settings[$"TaskWatch:Projects:{name}:Endpoint"] = (service == CloudService.Rds ? cloud.Host.RdsEndpoint : cloud.Host.DdsEndpoint).AbsoluteUri;
                settings[$"TaskWatch:Projects:{name}:ListApi"] = "true";
            }
        });
        await using var _ = poller;
        poller.SettleTimeout = TimeSpan.FromSeconds(30);
        var simulator = poller.Cloud.Simulator;
        simulator.Served = (job, at) =>
        {
            lastServed[job.Id] = at;
            if (job.StateAt(at) != JobState.Running)
            {
                endServed.TryAdd(job.Id, at);
            }
        };
        var nameOf = poller.Projects.ToDictionary(p => p.Project.ProjectId, p => p.Name);
        var random = new Random(1028);
        var start = poller.Now;
        var initial = poller.Projects.SelectMany(p => Enumerable.Range(0, 100).Select(_ => (p.Name, Job: simulator.StartJob(p.Project, JobLifeMix.Real, ago: TimeSpan.FromMinutes(15) * random.NextDouble())))).ToList();
        initial.ForEach(j => jobs[j.Job.Id] = (j.Job, start, j.Name));
        var registrar = poller.App.Service<JobRegistrar>();
        foreach (var chunk in initial.Select(j => (j.Name, j.Job.Id)).Chunk(JobRegistrar.MaxBatch))
        {
            await registrar.RegisterAsync(chunk, RegistrationSource.Api, CancellationToken.None);
        }

        using var stop = new CancellationTokenSource();
        var arrivals = new JobArrivals(simulator, [.. poller.Projects.Select(p => p.Project)], JobLifeMix.Real, 1000 / 15.0, seed: 28).RunAsync(async (project, job) =>
        {
            jobs[job.Id] = (job, poller.Now, nameOf[project.ProjectId]);
            await registrar.RegisterAsync([(nameOf[project.ProjectId], job.Id)], RegistrationSource.Api, CancellationToken.None);
        }, stop.Token);

        var worst = 0.0;
        var worstWhat = string.Empty;
        var ages = new List<double>();
        var windowWorst = new List<double>();
        var windowMax = 0.0;
        while (poller.Now < start + TimeSpan.FromMinutes(7))
        {
            await poller.StepAsync(Step);
            if (poller.Now < start + TimeSpan.FromMinutes(1))
            {
                continue;
            }

            var now = poller.Now;
            if ((now - start).TotalMilliseconds % 10_000 < Step.TotalMilliseconds)
            {
                windowWorst.Add(windowMax);
                windowMax = 0;
            }

            foreach (var (id, (job, registered, project)) in jobs)
            {
                var visible = job.CreatedUtc + job.Invisible;
                if (endServed.ContainsKey(id) || visible > now)
                {
                    continue;
                }

                var since = lastServed.TryGetValue(id, out var served) ? served : visible > registered ? visible : registered;
                var age = (now - since).TotalSeconds;
                ages.Add(age);
                windowMax = Math.Max(windowMax, age);
                if (age > worst)
                {
                    worst = age;
                    var scheduled = poller.App.Service<PollSchedule>().Find(new JobKey(project, id));
                    worstWhat = FormattableString.Invariant($"{project} {id[..8]} at +{(now - start).TotalSeconds:0}s: created {(now - job.CreatedUtc).TotalSeconds:0}s ago, {job.StateAt(now)}, phase {scheduled?.Phase}, in flight {scheduled?.InFlight}, due in {(scheduled is null ? 0 : (scheduled.DueUtc - now).TotalSeconds):0}s");
                }
            }
        }

        await stop.CancelAsync();
        await arrivals;
        ages.Sort();
        var p95 = ages[(int)(ages.Count * 0.95)];
        var paths = poller.Cloud.ApiCallPaths.ToList();
        var lists = paths.Count(p => p.EndsWith("/tasklist", StringComparison.Ordinal) || p.Contains("/v3.1/", StringComparison.Ordinal));
        output.WriteLine(FormattableString.Invariant($"calls {paths.Count}: {lists} list, {paths.Count - lists} single; most in any 60 s {poller.Cloud.MostCallsInAnyWindow(TimeSpan.FromMinutes(1))}"));
        output.WriteLine("windows: " + string.Join(" ", windowWorst.Select(w => w.ToString("0", CultureInfo.InvariantCulture))));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"oldest view {worst:0.0} s ({worstWhat}); p95 {p95:0.0} s; jobs {jobs.Count}; 429s {simulator.Faults.Log.Count(r => r.Status == 429)}; unsettled steps {poller.UnsettledSteps}"));
        Assert.Equal(0, simulator.Faults.Log.Count(r => r.Status == 429));
        Assert.True(worst <= 52, $"a job shown as running went {worst:0.0} s without a read: {worstWhat}");
    }
}
