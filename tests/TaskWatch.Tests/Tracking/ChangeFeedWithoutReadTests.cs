using Microsoft.EntityFrameworkCore;
using Npgsql;
using TaskWatch.Cloud;
using TaskWatch.Configuration;
using TaskWatch.Core;
using TaskWatch.Live;
using TaskWatch.Storage;
using TaskWatch.Tests.Reliability;
using TaskWatch.Tests.Support;
using TaskWatch.Tracking;
using TaskWatch.Tracking.Leases;

namespace TaskWatch.Tests.Tracking;

/// <summary>
/// A TaskWatch instance on PostgreSQL that does not poll an account (the test holds its lease and writes its job's row
/// as the holder's writer does, through <see cref="TrackedJobRewriteCommand"/>): a change of progress, and an end with
/// a failure reason full of separators, reach its live view from the notification alone, without reading the row
/// (the feed's counters say so), showing what reading the row would; a failure reason too long to carry is read.
/// Skipped without PostgreSQL binaries, failing instead when CI is set (<see cref="PostgreSqlServer"/>).
/// </summary>
public sealed class ChangeFeedWithoutReadTests(PostgreSqlServer server)
{
    [Fact]
    public async Task AHoldersProgressAndEnd_ReachANonHoldersLiveView_WithoutARowRead_ShowingWhatTheRowSays()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nonHolder = await StartNonHolderShowingAJobAsync(ct);
        var (app, live, feed, writer, key, id) = (nonHolder.App, nonHolder.Live, nonHolder.Feed, nonHolder.Writer, nonHolder.Key, nonHolder.Id);

        // A poll that changed only the poll times, applied in order after everything before it: the counters are
        // read once the feed has caught up with the start-up read and the registration.
        var read = DateTime.UtcNow;
        await ExecuteAsync(writer, $"""UPDATE "TrackedJobs" SET "LastReadUtc" = {read.Ticks}, "NextPollUtc" = {read.AddSeconds(5).Ticks} WHERE "Id" = {id}""", ct);
        await ShownAsync(live, key, v => v.LastReadUtc == read, "the poll times to be shown");
        var (rowsRead, withoutRead) = (feed.Applied, feed.AppliedWithoutRead);

        read = read.AddSeconds(5);
        await WriteAsync(writer, id, PollPhase.Active, read, JobState.Running, 55, failReason: null, endedUtc: null, ct);
        var progressed = await ShownAsync(live, key, v => v.Progress == 55, "the holder's progress to be shown");
        Assert.Equal((rowsRead, withoutRead + 1), (feed.Applied, feed.AppliedWithoutRead));
        await AssertAsReadAsync(app, progressed, ct);

        const string Reason = "Disk full, \"retry\" at 14:00:\n'orders-db' → 数据库 🚀 <b>x</b>,1:2";
        read = read.AddSeconds(5);
        await WriteAsync(writer, id, PollPhase.Done, read, JobState.Failed, 55, Reason, read.AddSeconds(-1), ct);
        var failed = await ShownAsync(live, key, v => v.State == JobState.Failed, "the holder's failure to be shown");
        Assert.Equal((rowsRead, withoutRead + 2), (feed.Applied, feed.AppliedWithoutRead));
        Assert.Equal(Reason, failed.FailReason);
        Assert.Equal(PollPhase.Done, failed.Phase);
        Assert.Null(failed.NextPollUtc);
        Assert.Equal(read.AddSeconds(-1), failed.EndedUtc);
        await AssertAsReadAsync(app, failed, ct);

        // Too long to carry (over 2000 bytes): the bare id, and the row is read.
        var longReason = string.Concat(Enumerable.Repeat("The instance could not be created, ", 80));
        await WriteAsync(writer, id, PollPhase.Done, read, JobState.Failed, 55, longReason, read.AddSeconds(-1), ct);
        await ShownAsync(live, key, v => v.FailReason == longReason, "the long failure reason to be shown");
        Assert.Equal((rowsRead + 1, withoutRead + 2), (feed.Applied, feed.AppliedWithoutRead));
    }

    [Fact]
    public async Task FromATakeoversLoadOn_AChangeStillQueuedInTheFeed_DoesNotOverwriteTheLoadedView_UntilTheAccountIsGivenBack()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nonHolder = await StartNonHolderShowingAJobAsync(ct);
        var (live, feed, writer, key, id) = (nonHolder.Live, nonHolder.Feed, nonHolder.Writer, nonHolder.Key, nonHolder.Id);
        var loader = nonHolder.App.Service<AccountScheduleLoader>();

        var read = DateTime.UtcNow;
        await WriteAsync(writer, id, PollPhase.Done, read, JobState.Completed, 100, failReason: null, read.AddSeconds(-1), ct);
        await ShownAsync(live, key, v => v.State == JobState.Completed, "the holder's end to be shown");

        // This instance takes the account over: its load reads the end. A change the feed receives from then on is
        // one the previous holder stored before (queued behind the load under load; here written after it, which
        // the feed cannot tell apart): shown, it would put the finished job back to Running, and as the account is
        // now polled here, nothing would ever end it again.
        Assert.Equal(1, await loader.LoadAsync("a", ct));
        var skipped = feed.AppliedWithoutRead;
        await WriteAsync(writer, id, PollPhase.Active, read.AddSeconds(-5), JobState.Running, 60, failReason: null, endedUtc: null, ct);
        await TestApp.EventuallyAsync(() => Task.FromResult(feed.AppliedWithoutRead > skipped ? true : (bool?)null), TimeSpan.FromSeconds(20), "the feed to receive the late change");
        Assert.Equal((JobState?)JobState.Completed, live.Find(key)!.State);
        Assert.Equal(100, live.Find(key)!.Progress);

        // Given back: the feed follows the account again.
        loader.Release("a");
        await WriteAsync(writer, id, PollPhase.Done, read.AddSeconds(5), JobState.Failed, 100, "rolled back", read.AddSeconds(4), ct);
        await ShownAsync(live, key, v => v.State == JobState.Failed && v.FailReason == "rolled back", "the next holder's change to be shown again");
    }

    // An instance on PostgreSQL that does not poll account "a" (the test holds its lease, made after the database, as
    // the lock is the database's), showing a running job of it (progress 10) stored as the holder's writer registers
    // one; the test writes the job's row as the holder would, on its own connection.
    private async Task<NonHolder> StartNonHolderShowingAJobAsync(CancellationToken ct)
    {
        var connectionString = await server.DatabaseAsync();
        var settings = MalformedRequestTests.OneProjectNoDemo();
        settings["TaskWatch:Storage:Provider"] = "PostgreSQL";
        settings[StorageOptions.ConnectionStringKey] = connectionString;
        await using (var schema = new PostgreSqlTaskWatchDbContext(new DbContextOptionsBuilder<PostgreSqlTaskWatchDbContext>().UseNpgsql(connectionString).Options))
        {
            await schema.Database.MigrateAsync(ct);
        }

        var lease = new NpgsqlConnection(connectionString);
        await lease.OpenAsync(ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@space, @key)", lease))
        {
            take.Parameters.AddWithValue("space", PostgreSqlAccountLeases.AccountSpace);
            take.Parameters.AddWithValue("key", PostgreSqlAccountLeases.KeyOf("a"));
            await take.ExecuteNonQueryAsync(ct);
        }

        var app = await TestApp.StartAsync(settings);
        var nonHolder = new NonHolder(app, lease, new NpgsqlConnection(connectionString), new JobKey("demo-rds-eu-de", Guid.NewGuid().ToString()));
        try
        {
            nonHolder.Id = await AddRunningJobAsync(app, nonHolder.Key, ct);
            await nonHolder.Writer.OpenAsync(ct);
            await ShownAsync(nonHolder.Live, nonHolder.Key, v => v.Progress == 10, "the registered job to be shown (read: a new row)");
            return nonHolder;
        }
        catch
        {
            await nonHolder.DisposeAsync();
            throw;
        }
    }

    // A running job stored as the holder's writer registered it three minutes ago (progress 10); returns its row id.
    private static async Task<long> AddRunningJobAsync(TestApp app, JobKey key, CancellationToken ct)
    {
        var created = DateTime.UtcNow.AddMinutes(-3);
        await using var db = await app.Service<IDbContextFactory<TaskWatchDbContext>>().CreateDbContextAsync(ct);
        var row = new TrackedJob
        {
            Project = key.Project, JobId = key.JobId, Service = CloudService.Rds, RegisteredUtc = created, CreatedUtc = created, Name = "CreateMysqlInstance",
            State = JobState.Running, Progress = 10, Phase = PollPhase.Active, InstanceId = "in-01", InstanceName = "orders-db", LastReadUtc = created,
            LastChangeUtc = created, NextPollUtc = created.AddSeconds(5),
        };
        db.TrackedJobs.Add(row);
        await db.SaveChangesAsync(ct);
        return row.Id;
    }

    // As JobStateWriter.Rewrite stores a poll that changed the content.
    private static async Task WriteAsync(NpgsqlConnection writer, long id, PollPhase phase, DateTime read, JobState state, int progress, string? failReason, DateTime? endedUtc, CancellationToken ct)
    {
        await using var transaction = await writer.BeginTransactionAsync(ct);
        using (var rewrite = new TrackedJobRewriteCommand(writer, transaction))
        {
            rewrite.SetPolling(id, phase, read, phase == PollPhase.Done ? null : read.AddSeconds(5), read, null, null, null, 0);
            rewrite.SetContent(state, null, progress, "CreateMysqlInstance", endedUtc, failReason, "in-01", "orders-db", read.AddMinutes(-3).AddSeconds(-10), read);
            rewrite.Execute();
        }

        await transaction.CommitAsync(ct);
    }

    // What the live view shows is what reading the row gives (the poll-time and ETA fields aside, which depend on when).
    private static async Task AssertAsReadAsync(TestApp app, JobView shown, CancellationToken ct)
    {
        await using var db = await app.Service<IDbContextFactory<TaskWatchDbContext>>().CreateDbContextAsync(ct);
        var row = await db.TrackedJobs.AsNoTracking().SingleAsync(j => j.JobId == shown.Key.JobId, ct);
        var asRead = ScheduledJobFactory.FromRow(row, app.Service<ProjectCatalog>(), DateTime.UtcNow)!.View;
        Assert.Equal(Comparable(asRead), Comparable(shown));
    }

    private static JobView Comparable(JobView view) => view with { NextPollUtc = null, Eta = null, IsOverdue = false, OverdueReason = null };

    private static async Task<JobView> ShownAsync(LiveJobStore live, JobKey key, Func<JobView, bool> shown, string what)
    {
        JobView? found = null;
        await TestApp.EventuallyAsync(
            () => Task.FromResult(live.Find(key) is { } v && shown(v) ? (found = v) is not null : (bool?)null),
            TimeSpan.FromSeconds(20),
            what);
        return found!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private sealed class NonHolder(TestApp app, NpgsqlConnection lease, NpgsqlConnection writer, JobKey key) : IAsyncDisposable
    {
        public TestApp App => app;

        public LiveJobStore Live => app.Service<LiveJobStore>();

        public PostgreSqlJobChangeFeed Feed => app.Service<PostgreSqlJobChangeFeed>();

        /// <summary>The test's connection, writing the job's row as the holder's writer does.</summary>
        public NpgsqlConnection Writer => writer;

        public JobKey Key => key;

        /// <summary>The job's row id, once stored.</summary>
        public long Id { get; set; }

        public async ValueTask DisposeAsync()
        {
            await writer.DisposeAsync();
            await lease.DisposeAsync();
            await app.DisposeAsync();
        }
    }
}
