using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using TaskWatch.Core;
using TaskWatch.Simulator;

namespace TaskWatch.Tests.Cloud;

/// <summary>
/// The simulator's generated jobs live as real ones do (issue 28): most end within minutes, some
/// fail with a reason, some run for hours, some never end, and new ones keep appearing.
/// </summary>
public sealed class SimulatedJobLivesTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void RealMix_EndsHalfWithinTenMinutes_FailsAFifthWithReasons_LeavesLongRunnersAndNeverEndingJobsRunning()
    {
        var time = new FakeTimeProvider(Start);
        var simulator = new TaskCenterSimulator(time, SimulatorCredentials.CreateRandom());
        var project = simulator.AddProject(CloudService.Rds, "eu-de");
        var jobs = Enumerable.Range(0, 2000).Select(_ => simulator.StartJob(project, JobLifeMix.Real)).ToList();
        var now = Start.UtcDateTime;

        var after20s = jobs.Count(j => j.StateAt(now.AddSeconds(19)) != JobState.Running);
        var after10min = jobs.Select(j => j.StateAt(now.AddMinutes(10).AddSeconds(1))).ToList();
        var afterADay = jobs.Count(j => j.StateAt(now.AddDays(1)) == JobState.Running);
        var afterAYear = jobs.Count(j => j.StateAt(now.AddDays(365)) == JobState.Running);

        Assert.Equal(0, after20s);
        Assert.InRange(after10min.Count(s => s == JobState.Completed), 900, 1100);
        Assert.InRange(after10min.Count(s => s == JobState.Failed), 330, 470);
        Assert.InRange(after10min.Count(s => s == JobState.Running), 500, 700);
        Assert.InRange(afterADay, 130, 270);
        Assert.Equal(afterADay, afterAYear);
        Assert.All(jobs.Where(j => j.StateAt(now.AddHours(5)) == JobState.Failed), j => Assert.False(string.IsNullOrEmpty(j.FailReason)));
        Assert.All(jobs.Where(j => j.StateAt(now.AddHours(5)) == JobState.Completed), j => Assert.Equal(now + j.Duration, j.EndedAt(now.AddHours(5))));
    }

    [Fact]
    public void DemoLives_ByKindAndSpeed_IncludeFailuresLongRunnersAndJobsThatNeverEnd()
    {
        var time = new FakeTimeProvider(Start);
        var simulator = new TaskCenterSimulator(time, SimulatorCredentials.CreateRandom());
        var project = simulator.AddProject(CloudService.Dds, "eu-de");
        var jobs = Enumerable.Range(0, 2000).Select(_ => simulator.StartJob(project, speed: 10, failShare: 0.2, longRunnerShare: 0.1, neverEndsShare: 0.05)).ToList();
        var now = Start.UtcDateTime;
        var longest = jobs.Max(j => j.Kind.TypicalDuration) * 1.4 / 10;

        var states = jobs.Select(j => j.StateAt(now + longest + TimeSpan.FromSeconds(1))).ToList();
        var runningAfterAYear = jobs.Count(j => j.StateAt(now.AddDays(365)) == JobState.Running);

        // At a tenth of real time every short life is over: a fifth failed, 15 % still run (long or never ending).
        Assert.InRange(states.Count(s => s == JobState.Failed), 330, 470);
        Assert.InRange(states.Count(s => s == JobState.Running), 220, 380);
        Assert.InRange(runningAfterAYear, 60, 140);
        Assert.All(jobs.Where(j => j.FailsAt is not null), j => Assert.False(string.IsNullOrEmpty(j.FailReason)));
    }

    [Fact(Timeout = 60_000)]
    public async Task FailedJobsListRow_CarriesItsReasonAndTrueEndTime_NotItsPlannedOne()
    {
        var time = new FakeTimeProvider(Start);
        await using var cloud = await SimulatedCloud.StartAsync(time);
        var project = cloud.Simulator.AddProject(CloudService.Rds, "eu-de");
        var job = cloud.Simulator.StartJob(project, new JobLifeMix { FailShare = 1, LongRunnerShare = 0, NeverEndsShare = 0 });
        time.Advance(TimeSpan.FromMinutes(11));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(cloud.Host.BaseUri, $"rds/v3/{project.ProjectId}/tasklist?limit=10"));
        request.Headers.Add("X-Auth-Token", cloud.Simulator.Credentials.FixedToken);
        using var response = await http.SendAsync(request, Ct);

        var row = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("tasks")[0];
        var ended = job.EndedAt(time.GetUtcNow().UtcDateTime)!.Value;
        Assert.Equal("Failed", row.GetProperty("status").GetString());
        Assert.Equal(job.FailReason, row.GetProperty("fail_reason").GetString());
        Assert.True(ended < job.CreatedUtc + job.Duration);
        Assert.Equal(ended.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), row.GetProperty("end_time").GetString()![..19]);
    }

    [Fact(Timeout = 60_000)]
    public async Task Arrivals_StartJobsAtTheScenariosRate_AndHandEachToTheScenario()
    {
        var time = new FakeTimeProvider(Start);
        var simulator = new TaskCenterSimulator(time, SimulatorCredentials.CreateRandom());
        SimulatedProject[] projects = [simulator.AddProject(CloudService.Rds, "eu-de"), simulator.AddProject(CloudService.Dds, "eu-de")];
        var handed = new List<SimulatedJob>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var arrivals = new JobArrivals(simulator, projects, JobLifeMix.Real, perMinute: 30, seed: 3);
        var running = arrivals.RunAsync((_, job) =>
        {
            lock (handed)
            {
                handed.Add(job);
            }

            return Task.CompletedTask;
        }, stop.Token);

        for (var i = 0; i < 5 * 60 * 10; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(1, Ct); // lets the arrival loop take each gap as it passes
        }

        await stop.CancelAsync();
        await running;
        Assert.InRange(handed.Count, 90, 220); // 30 a minute for five minutes (a slow machine may let a gap pass late)
        Assert.Equal(handed.Count, simulator.Jobs.Count);
        Assert.Contains(handed, j => j.ProjectId == projects[0].ProjectId);
        Assert.Contains(handed, j => j.ProjectId == projects[1].ProjectId);
    }

    [Fact]
    public void MixWhoseSharesAddUpToMoreThanOne_IsRefused_NamingTheShares()
    {
        var simulator = new TaskCenterSimulator(new FakeTimeProvider(Start), SimulatorCredentials.CreateRandom());
        var project = simulator.AddProject(CloudService.Dds, "eu-de");

        var error = Assert.Throws<ArgumentException>(() => simulator.StartJob(project, JobLifeMix.Real with { FailShare = 0.8 }));

        Assert.Contains("FailShare 0.8, LongRunnerShare 0.2 and NeverEndsShare 0.1 must each be from 0 and add up to at most 1", error.Message);
    }
}
