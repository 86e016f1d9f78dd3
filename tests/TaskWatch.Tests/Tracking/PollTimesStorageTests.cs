using Microsoft.EntityFrameworkCore;
using TaskWatch.Cloud;
using TaskWatch.Core;
using TaskWatch.Simulator;
using TaskWatch.Storage;

namespace TaskWatch.Tests.Tracking;

/// <summary>
/// A poll that changes nothing stores only its poll times: the stored "last read" and "next read"
/// still follow every poll (the history page and the API read them), and no snapshot is added.
/// </summary>
public sealed class PollTimesStorageTests
{
    [Fact(Timeout = 120_000)]
    public async Task UnchangedPolls_StoreTheirPollTimes_AndNoSnapshot()
    {
        await using var poller = await PollerUnderTest.StartAsync(projectCount: 1, listApi: false, callsPerMinute: 6000);
        var (name, project) = poller.Projects[0];
        var job = poller.AddLongJob(project, TimeSpan.FromDays(2));
        await poller.RegisterAsync([(name, job.Id)]);
        await poller.StepAsync(TimeSpan.FromSeconds(1));
        var key = new JobKey(name, job.Id);
        await poller.SettleAsync(() => poller.Live.Find(key)?.LastReadUtc is not null);
        Assert.NotNull(poller.Live.Find(key)?.LastReadUtc);
        var snapshotsAfterFirstRead = await SnapshotsAsync(poller);

        for (var i = 0; i < 4; i++)
        {
            var before = poller.Live.Find(key)!.LastReadUtc;
            await poller.StepAsync(TimeSpan.FromSeconds(31));
            await poller.SettleAsync(() => poller.Live.Find(key)!.LastReadUtc > before);
            Assert.True(poller.Live.Find(key)!.LastReadUtc > before, "the job was not read again");
            var view = poller.Live.Find(key)!;
            var row = await RowAsync(poller, job.Id);
            Assert.Equal(view.LastReadUtc, row.LastReadUtc);
            Assert.Equal(view.NextPollUtc, row.NextPollUtc);
            Assert.Equal(JobState.Running, row.State);
        }

        Assert.Equal(snapshotsAfterFirstRead, await SnapshotsAsync(poller));
    }

    [Fact(Timeout = 120_000)]
    public async Task RunningRdsJobsKnownFromListRows_GetTheirEntitiesFromOneSingleReadEach_WhenTheBudgetHasRoom()
    {
        await using var poller = await PollerUnderTest.StartAsync(projectCount: 1, listApi: true);
        var (name, project) = poller.Projects[0];
        var create = SimulatedJobKind.All.First(k => k.Service == CloudService.Rds && k.Entities == "instance");
        var jobs = Enumerable.Range(0, 8).Select(_ => poller.AddLongJob(project) with { Kind = create }).ToList();
        jobs.ForEach(poller.Cloud.Simulator.Add);
        await poller.RegisterAsync(jobs.Select(j => (name, j.Id)));
        for (var i = 0; i < 60; i++)
        {
            await poller.StepAsync(TimeSpan.FromMilliseconds(500));
        }

        // RDS list rows carry no entities (the instance's endpoint): the job page shows them all the same,
        // from one single read a job.
        var lists = poller.Cloud.ApiCallPaths.Count(p => p.EndsWith("/tasklist", StringComparison.Ordinal));
        var singles = poller.Cloud.ApiCallPaths.Count - lists;
        Assert.True(lists >= 3, $"{lists} list calls: the jobs were not read by lists");
        Assert.Equal(jobs.Count, singles);
        foreach (var job in jobs)
        {
            var row = await RowAsync(poller, job.Id);
            Assert.Equal(JobState.Running, row.State);
            Assert.Contains("\"endpoint\"", row.EntitiesJson ?? "(none)", StringComparison.Ordinal);
        }
    }

    private static async Task<TrackedJob> RowAsync(PollerUnderTest poller, string jobId)
    {
        await using var db = await poller.App.Service<IDbContextFactory<TaskWatchDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.TrackedJobs.AsNoTracking().SingleAsync(j => j.JobId == jobId, TestContext.Current.CancellationToken);
    }

    private static async Task<int> SnapshotsAsync(PollerUnderTest poller)
    {
        await using var db = await poller.App.Service<IDbContextFactory<TaskWatchDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.JobSnapshots.CountAsync(TestContext.Current.CancellationToken);
    }
}
