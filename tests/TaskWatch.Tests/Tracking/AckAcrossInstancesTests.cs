using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using TaskWatch.Configuration;
using TaskWatch.Core;
using TaskWatch.Live;
using TaskWatch.Storage;
using TaskWatch.Tests.Reliability;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Tracking;

/// <summary>
/// Two TaskWatch hosts on one PostgreSQL database, as behind a load balancer: a failure taken on one shows on the
/// other's live view (what its dashboard and wall draw), with who and the note, and letting it go on the other clears
/// it on the first. One of the two holds the account and the other does not, so both ways of applying a change made
/// elsewhere are crossed. Skipped without PostgreSQL binaries, failing instead when CI is set (<see cref="PostgreSqlServer"/>).
/// </summary>
public sealed class AckAcrossInstancesTests(PostgreSqlServer server)
{
    [Fact]
    public async Task AckOnOneInstance_IsShownOnTheOthersLiveView_AndLettingGoThereClearsItOnTheFirst()
    {
        var ct = TestContext.Current.CancellationToken;
        var settings = MalformedRequestTests.OneProjectNoDemo();
        settings["TaskWatch:Storage:Provider"] = "PostgreSQL";
        settings[StorageOptions.ConnectionStringKey] = await server.DatabaseAsync();
        await using var first = await TestApp.StartAsync(settings);
        await using var second = await TestApp.StartAsync(settings);

        // A job that failed, as the poller would have stored it (the configured cloud is unreachable on purpose).
        var key = new JobKey("demo-rds-eu-de", Guid.NewGuid().ToString());
        var now = DateTime.UtcNow;
        await using (var db = await first.Service<IDbContextFactory<TaskWatchDbContext>>().CreateDbContextAsync(ct))
        {
            db.TrackedJobs.Add(new TrackedJob
            {
                Project = key.Project, JobId = key.JobId, Service = CloudService.Rds, RegisteredUtc = now.AddMinutes(-20), CreatedUtc = now.AddMinutes(-20),
                EndedUtc = now.AddMinutes(-2), Name = "RestartInstance", State = JobState.Failed, StatusWord = "FAIL", Phase = PollPhase.Done,
                InstanceId = "in-ack-01", InstanceName = "orders-db", FailReason = "The disk is full.", LastReadUtc = now.AddMinutes(-2),
            });
            await db.SaveChangesAsync(ct);
        }

        var firstLive = first.Service<LiveJobStore>();
        var secondLive = second.Service<LiveJobStore>();
        await ShownAsync(firstLive, key, v => v.State == JobState.Failed && v.Ack is null, "the first instance to show the failure");
        await ShownAsync(secondLive, key, v => v.State == JobState.Failed && v.Ack is null, "the second instance to show the failure");

        var taken = System.Diagnostics.Stopwatch.StartNew();
        var ack = await first.Http.PostAsJsonAsync($"/api/jobs/{key.Project}/{key.JobId}/ack", new { note = "INC-4711, retrying at 14:00" }, ct);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var shown = await ShownAsync(secondLive, key, v => v.Ack is not null, "the second instance to show the acknowledgement");
        TestContext.Current.TestOutputHelper?.WriteLine($"acknowledged on the first instance, shown on the second's live view {taken.ElapsedMilliseconds} ms after the request was sent");
        Assert.Equal("INC-4711, retrying at 14:00", shown.Ack!.Note);
        Assert.Equal(firstLive.Find(key)!.Ack!.Who, shown.Ack.Who);
        Assert.False(AckRules.NeedsAttention(shown));

        var letGo = await second.Http.DeleteAsync($"/api/jobs/{key.Project}/{key.JobId}/ack", ct);
        Assert.True(letGo.IsSuccessStatusCode, $"{letGo.StatusCode}: {await letGo.Content.ReadAsStringAsync(ct)}");
        var cleared = await ShownAsync(firstLive, key, v => v.Ack is null, "the first instance to show it let go");
        Assert.True(AckRules.NeedsAttention(cleared));
    }

    private static async Task<JobView> ShownAsync(LiveJobStore live, JobKey key, Func<JobView, bool> shown, string what)
    {
        JobView? found = null;
        await TestApp.EventuallyAsync(
            () => Task.FromResult(live.Find(key) is { } v && shown(v) ? (found = v) is not null : (bool?)null),
            TimeSpan.FromSeconds(20),
            what);
        return found!;
    }
}
