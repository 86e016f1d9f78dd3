using System.Globalization;
using TaskWatch.Core;

namespace TaskWatch.Tests.Tracking;

/// <summary>
/// One account's budget covers every service it reads: a project of each of the six services on one
/// account, against a simulator that counts 60 calls per user in any 60 s (and 429s the excess), on a
/// fake clock moved 200 ms at a time (see <see cref="PollerUnderTest"/>).
/// </summary>
[Collection(nameof(Reliability.HeavyCollection))]
public sealed class MultiServiceBudgetTests(ITestOutputHelper output)
{
    [Fact(Timeout = 300_000)]
    public async Task SixServicesOnOneAccount_AllRead_WithinTheAccountsSixtyCallsAMinute_WithNo429()
    {
        const int jobsPerProject = 8;
        await using var poller = await PollerUnderTest.StartAsync((cloud, settings, projects) =>
        {
            cloud.Simulator.CallsPerMinutePerUser = 60;
            settings[$"TaskWatch:Accounts:{PollerUnderTest.Account}:Auth"] = "Token";
            settings[$"TaskWatch:Accounts:{PollerUnderTest.Account}:Token"] = cloud.Simulator.Credentials.FixedToken;
            settings[$"TaskWatch:Accounts:{PollerUnderTest.Account}:CallsPerMinute"] = "60";
            foreach (var service in Enum.GetValues<CloudService>())
            {
                var name = service.ToString().ToLowerInvariant();
                var project = cloud.Simulator.AddProject(service, "eu-de");
                projects.Add((name, project));
                settings[$"TaskWatch:Projects:{name}:Account"] = PollerUnderTest.Account;
                settings[$"TaskWatch:Projects:{name}:Service"] = service.ToString();
                settings[$"TaskWatch:Projects:{name}:ProjectId"] = project.ProjectId;
                settings[$"TaskWatch:Projects:{name}:Region"] = "eu-de";
                settings[$"TaskWatch:Projects:{name}:Endpoint"] = cloud.Host.EndpointOf(service).AbsoluteUri;
                settings[$"TaskWatch:Projects:{name}:ListApi"] = "true";
            }
        });
        poller.SettleTimeout = TimeSpan.FromSeconds(30);
        var jobs = poller.Projects.SelectMany(p => Enumerable.Range(0, jobsPerProject).Select(_ => (p.Name, poller.AddLongJob(p.Project).Id))).ToList();
        var start = poller.Now;

        await poller.RegisterAsync(jobs);
        while (poller.Now < start + TimeSpan.FromMinutes(3))
        {
            await poller.StepAsync(TimeSpan.FromMilliseconds(200));
        }

        var views = poller.Live.Snapshot();
        var readByService = views.Where(v => v.LastReadUtc is not null).GroupBy(v => v.Service).ToDictionary(g => g.Key, g => g.Count());
        var oldest = views.Where(v => v.State == JobState.Running).Max(v => poller.Now - (v.LastReadUtc ?? start));
        var throttled = poller.Cloud.Simulator.Faults.Log.Count(r => r.Status == 429);
        var most = poller.Cloud.MostCallsInAnyWindow(TimeSpan.FromMinutes(1));
        output.WriteLine($"read per service: {string.Join(", ", readByService.Select(r => $"{r.Key} {r.Value}"))}; oldest running state {oldest.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s; most calls in any 60 s {most}; 429s {throttled}");
        Assert.All(Enum.GetValues<CloudService>(), s => Assert.Equal(jobsPerProject, readByService.GetValueOrDefault(s)));
        Assert.DoesNotContain(views, v => v.State is JobState.Completed or JobState.Failed);
        Assert.Equal(0, throttled);
        Assert.InRange(most, 1, 60);
        // Six list pages a sweep, one call a second: no running state gets older than a few sweeps.
        Assert.True(oldest <= TimeSpan.FromSeconds(30), $"a running state was {oldest.TotalSeconds:0.0} s old");
    }
}
