using Microsoft.EntityFrameworkCore;
using TaskWatch.Core;
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
