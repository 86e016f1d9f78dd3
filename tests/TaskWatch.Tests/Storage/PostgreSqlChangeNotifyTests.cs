using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using TaskWatch.Configuration;
using TaskWatch.Core;
using TaskWatch.Storage;
using TaskWatch.Tests.Support;
using TaskWatch.Tracking.Leases;

namespace TaskWatch.Tests.Storage;

/// <summary>
/// The TrackedJobs triggers that feed other instances (JobChangeNotify, and the update trigger as JobChangesNotify
/// left it): a committed write that changed only a row's poll times carries them (<c>id:read:next</c>), one that
/// changed what a live view shows carries the changed columns (<c>id:</c> and tagged fields), so other instances need
/// not read the row; any other write (and an entry over 2000 bytes) sends the bare id, which they read. A write batch's
/// poll times are one statement, and its trigger packs them into payloads under PostgreSQL's 8000-byte limit.
/// </summary>
public sealed class PostgreSqlChangeNotifyTests(PostgreSqlServer server)
{
    [Fact]
    public async Task APollTimesOnlyUpdate_CarriesItsTimes_AProgressChangeTheChangedColumns_AnInsertTheBareId()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var storage = await StorageUnderTest.CreateAsync(StorageProvider.PostgreSQL, server, ct);
        await using var listener = new NpgsqlConnection(storage.ConnectionString);
        var payloads = new List<string>();
        listener.Notification += (_, e) => payloads.Add(e.Payload);
        await listener.OpenAsync(ct);
        await ExecuteAsync(listener, $"LISTEN {PostgreSqlJobChangeFeed.Channel}", ct);

        await using var writer = new NpgsqlConnection(storage.ConnectionString);
        await writer.OpenAsync(ct);
        var id = (long)(await new NpgsqlCommand(
            """INSERT INTO "TrackedJobs" ("Project", "JobId", "Service", "Source", "RegisteredUtc", "IsTracking", "Phase", "ConsecutiveErrors") VALUES ('p', 'j', 0, 0, 1, true, 0, 0) RETURNING "Id" """,
            writer).ExecuteScalarAsync(ct))!;
        var read = new DateTime(2026, 12, 4, 22, 0, 1, DateTimeKind.Utc);
        var next = read.AddSeconds(5);
        await ExecuteAsync(writer, $"""UPDATE "TrackedJobs" SET "LastPolledUtc" = {read.Ticks}, "LastReadUtc" = {read.Ticks}, "NextPollUtc" = {next.Ticks} WHERE "Id" = {id}""", ct);
        await ExecuteAsync(writer, $"""UPDATE "TrackedJobs" SET "NextPollUtc" = NULL WHERE "Id" = {id}""", ct);
        await ExecuteAsync(writer, $"""UPDATE "TrackedJobs" SET "Progress" = 40, "LastReadUtc" = {next.Ticks} WHERE "Id" = {id}""", ct);

        for (var i = 0; i < 50 && payloads.Count < 4; i++)
        {
            await listener.WaitAsync(TimeSpan.FromMilliseconds(200), ct);
        }

        Assert.Equal([$"{id}", $"{id}:{read.Ticks}:{next.Ticks}", $"{id}:{read.Ticks}:", $"{id}:p40:r{next.Ticks}"], payloads);
        var changed = new HashSet<long>();
        var polled = new Dictionary<long, JobRowChange>();
        Assert.True(JobChangePayload.Read(payloads[1], changed, polled, new List<string>()));
        Assert.Equal(JobRowChange.PollTimes(read, next), polled[id]);
    }

    [Fact]
    public async Task AWriteBatchsPollTimes_AreOneStatement_PackedInPayloadsUnderTheLimit_EveryRowWithItsOwnTimes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var storage = await StorageUnderTest.CreateAsync(StorageProvider.PostgreSQL, server, ct);
        await using var writer = new NpgsqlConnection(storage.ConnectionString);
        await writer.OpenAsync(ct);
        var ids = await InsertJobsAsync(writer, 250, ct);
        await using var listener = await ListenAsync(storage.ConnectionString!, ct);

        var read = new DateTime(2026, 12, 5, 1, 0, 0, DateTimeKind.Utc);
        await using (var transaction = await writer.BeginTransactionAsync(ct))
        {
            using var times = new PollTimesUpdateCommand(writer, transaction);
            foreach (var id in ids)
            {
                times.Add(id, read.AddSeconds(id), read.AddSeconds(id), id % 10 == 0 ? null : read.AddSeconds(id + 5));
            }

            Assert.Equal(250, times.Execute());
            await transaction.CommitAsync(ct);
        }

        var payloads = await listener.PayloadsAsync(expected: 2, ct);

        // 250 rows: 2 notifications (not 250), each under PostgreSQL's 8000-byte limit, together every row once.
        Assert.Equal(2, payloads.Count);
        Assert.All(payloads, p => Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(p), 1, 7999));
        var changed = new HashSet<long>();
        var polled = new Dictionary<long, JobRowChange>();
        var problems = new List<string>();
        Assert.All(payloads, p => Assert.True(JobChangePayload.Read(p, changed, polled, problems)));
        Assert.Empty(problems);
        Assert.Empty(changed);
        Assert.Equal(ids.Order(), polled.Keys.Order());
        Assert.All(ids, id => Assert.Equal(JobRowChange.PollTimes(read.AddSeconds(id), id % 10 == 0 ? null : read.AddSeconds(id + 5)), polled[id]));
    }

    [Fact]
    public async Task AChangeOfAnyColumnALiveViewReads_IsCarried_OrSentAsTheBareId_WhenNotCarried()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var storage = await StorageUnderTest.CreateAsync(StorageProvider.PostgreSQL, server, ct);
        await using var writer = new NpgsqlConnection(storage.ConnectionString);
        await writer.OpenAsync(ct);
        var id = (await InsertJobsAsync(writer, 1, ct))[0];
        await using var listener = await ListenAsync(storage.ConnectionString!, ct);

        // Every column of the table as it stands, so a column added later is checked too: only the poll times
        // and what only the detail page reads from the database (raw answer, the cloud's time texts) may be
        // left out of the trigger's comparison; a column the payload does not carry must send the bare id.
        var leftOut = new[] { "Id", "LastPolledUtc", "LastReadUtc", "NextPollUtc", "RawJson", "CreatedText", "EndedText" };
        var columns = new List<(string Name, string Type)>();
        await using (var command = new NpgsqlCommand("""SELECT column_name, udt_name FROM information_schema.columns WHERE table_name = 'TrackedJobs' AND table_schema = current_schema() ORDER BY ordinal_position""", writer))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var compared = columns.Where(c => !leftOut.Contains(c.Name)).ToList();
        Assert.True(compared.Count >= 26, $"only {compared.Count} columns found");
        foreach (var (name, type) in compared)
        {
            var changed = type switch
            {
                "text" or "varchar" or "citext" => $"""coalesce("{name}", '') || 'x'""",
                "int8" or "int4" or "int2" => $"""coalesce("{name}", 0) + 1""",
                "bool" => $"""NOT coalesce("{name}", false)""",
                _ => throw new InvalidOperationException($"Column {name} is {type}: teach this test how to change it."),
            };
            await ExecuteAsync(writer, $"""UPDATE "TrackedJobs" SET "{name}" = {changed} WHERE "Id" = {id}""", ct);
        }

        var payloads = await listener.PayloadsAsync(expected: compared.Count, ct);
        var tags = JobChangePayload.Tags.ToDictionary(t => t.Value, t => t.Key);
        var expected = compared.Select(c => c.Name switch
        {
            // The error's outcome and text travel together.
            "LastErrorOutcome" or "LastError" => $"{c.Name}: {id}:o.*:g.*",
            _ when tags.TryGetValue(c.Name, out var tag) => $"{c.Name}: {id}:{tag}.*",
            _ => $"{c.Name}: {id}",
        });
        Assert.Equal(compared.Count, payloads.Count);
        Assert.All(expected.Zip(compared.Zip(payloads, (c, p) => $"{c.Name}: {p}")), pair => Assert.Matches($"^{pair.First}$", pair.Second));
        var problems = new List<string>();
        Assert.All(payloads, p => JobChangePayload.Read(p, new HashSet<long>(), new Dictionary<long, JobRowChange>(), problems));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task AChangeOfWhatALiveViewShows_CarriesHostileTextExactly_AndALongFailureReasonFallsBackToTheBareId()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var storage = await StorageUnderTest.CreateAsync(StorageProvider.PostgreSQL, server, ct);
        await using var writer = new NpgsqlConnection(storage.ConnectionString);
        await writer.OpenAsync(ct);
        var ids = await InsertJobsAsync(writer, 3, ct);
        await using var listener = await ListenAsync(storage.ConnectionString!, ct);
        const string Hostile = "Disk full, \"retry\" at 14:00:\n'next' → 数据库 🚀 %s {0} <b>x</b>; DROP TABLE x;--";
        var longReason = string.Concat(Enumerable.Repeat("The instance could not be created: ", 60));
        var ended = new DateTime(2026, 12, 5, 3, 0, 0, DateTimeKind.Utc);

        // One statement writing three rows, as a batch would: two carried, one too long to carry.
        await using (var command = new NpgsqlCommand(
            """UPDATE "TrackedJobs" SET "State" = 3, "EndedUtc" = @ended, "Phase" = 4, "FailReason" = CASE WHEN "Id" = @long THEN @longReason ELSE @reason END, "InstanceName" = @reason, "Name" = @name WHERE "Id" = ANY(@ids)""",
            writer))
        {
            command.Parameters.AddWithValue("ended", ended.Ticks);
            command.Parameters.AddWithValue("long", ids[2]);
            command.Parameters.AddWithValue("longReason", longReason);
            command.Parameters.AddWithValue("reason", Hostile);
            command.Parameters.AddWithValue("name", "");
            command.Parameters.AddWithValue("ids", ids.ToArray());
            await command.ExecuteNonQueryAsync(ct);
        }

        var payload = Assert.Single(await listener.PayloadsAsync(expected: 1, ct));
        var changed = new HashSet<long>();
        var changes = new Dictionary<long, JobRowChange>();
        var problems = new List<string>();
        Assert.True(JobChangePayload.Read(payload, changed, changes, problems));
        Assert.Empty(problems);
        Assert.Equal([ids[2]], changed);
        Assert.Equal(ids.Take(2), changes.Keys.Order());
        Assert.All(changes.Values, change =>
        {
            Assert.Equal(JobState.Failed, change.State!.Value.Value);
            Assert.Equal(ended, change.EndedUtc!.Value.Value);
            Assert.Equal(PollPhase.Done, change.Phase!.Value.Value);
            Assert.Equal(Hostile, change.FailReason!.Value.Value);
            Assert.Equal(Hostile, change.InstanceName!.Value.Value);
            Assert.Equal("", change.Name!.Value.Value);
            Assert.Null(change.Progress);
        });
        Assert.DoesNotContain('\n', payload);
    }

    [Fact]
    public async Task ADatabaseOfTheRelease_BeforeChangesWereCarried_UpgradesInPlace_CarriesThemAfterwards_AndDownRestoresTheBareId()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await server.DatabaseAsync();
        var options = new DbContextOptionsBuilder<PostgreSqlTaskWatchDbContext>().UseNpgsql(connectionString).Options;
        const string Previous = "20261205004505_JobPollTimesBatch";
        await using (var previous = new PostgreSqlTaskWatchDbContext(options))
        {
            await previous.GetService<IMigrator>().MigrateAsync(Previous, ct);
        }

        await using var writer = new NpgsqlConnection(connectionString);
        await writer.OpenAsync(ct);
        var id = (await InsertJobsAsync(writer, 1, ct))[0];
        await using (var current = new PostgreSqlTaskWatchDbContext(options))
        {
            await current.Database.MigrateAsync(ct);
            Assert.Empty(await current.Database.GetPendingMigrationsAsync(ct));
            Assert.Equal([id], await current.TrackedJobs.Select(j => j.Id).ToListAsync(ct));
        }

        await using (var listener = await ListenAsync(connectionString, ct))
        {
            await ExecuteAsync(writer, $"""UPDATE "TrackedJobs" SET "Progress" = 7 WHERE "Id" = {id}""", ct);
            Assert.Equal([$"{id}:p7"], await listener.PayloadsAsync(expected: 1, ct));
        }

        await using (var current = new PostgreSqlTaskWatchDbContext(options))
        {
            await current.GetService<IMigrator>().MigrateAsync(Previous, ct);
        }

        await using (var listener = await ListenAsync(connectionString, ct))
        {
            await ExecuteAsync(writer, $"""UPDATE "TrackedJobs" SET "Progress" = 8 WHERE "Id" = {id}""", ct);
            Assert.Equal([$"{id}"], await listener.PayloadsAsync(expected: 1, ct));
        }
    }

    [Fact]
    public async Task ADatabaseOfThePreviousRelease_UpgradesInPlace_KeepingItsJobs_AndBatchesPollTimesAfterwards()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await server.DatabaseAsync();
        var options = new DbContextOptionsBuilder<PostgreSqlTaskWatchDbContext>().UseNpgsql(connectionString).Options;
        await using (var previous = new PostgreSqlTaskWatchDbContext(options))
        {
            // Where the previous release left the schema: its last migration, JobPollTimesNotify.
            await previous.GetService<IMigrator>().MigrateAsync("20261204215923_JobPollTimesNotify", ct);
        }

        await using var writer = new NpgsqlConnection(connectionString);
        await writer.OpenAsync(ct);
        var ids = await InsertJobsAsync(writer, 3, ct);
        await using (var current = new PostgreSqlTaskWatchDbContext(options))
        {
            await current.Database.MigrateAsync(ct);
            Assert.Empty(await current.Database.GetPendingMigrationsAsync(ct));
            Assert.Equal(ids, await current.TrackedJobs.OrderBy(j => j.Id).Select(j => j.Id).ToListAsync(ct));
        }

        await using var listener = await ListenAsync(connectionString, ct);
        var read = new DateTime(2026, 12, 5, 1, 0, 0, DateTimeKind.Utc);
        await using (var transaction = await writer.BeginTransactionAsync(ct))
        {
            using var times = new PollTimesUpdateCommand(writer, transaction);
            ids.ForEach(id => times.Add(id, read, read, read.AddSeconds(5)));
            times.Execute();
            await transaction.CommitAsync(ct);
        }

        var payload = Assert.Single(await listener.PayloadsAsync(expected: 1, ct));
        Assert.Equal(ids.Select(id => $"{id}:{read.Ticks}:{read.AddSeconds(5).Ticks}"), payload.Split(',').Order());
    }

    private static async Task<List<long>> InsertJobsAsync(NpgsqlConnection writer, int count, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""INSERT INTO "TrackedJobs" ("Project", "JobId", "Service", "Source", "RegisteredUtc", "IsTracking", "Phase", "ConsecutiveErrors") SELECT 'p', 'j' || n, 0, 0, 1, true, 0, 0 FROM generate_series(1, {count}) n RETURNING "Id" """,
            writer);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private static async Task<ChannelListener> ListenAsync(string connectionString, CancellationToken ct)
    {
        var listener = new ChannelListener(new NpgsqlConnection(connectionString));
        await listener.StartAsync(ct);
        return listener;
    }

    /// <summary>A session LISTENing on the change feed's channel, keeping what it hears in order.</summary>
    private sealed class ChannelListener(NpgsqlConnection connection) : IAsyncDisposable
    {
        private readonly List<string> _payloads = [];

        public async Task StartAsync(CancellationToken ct)
        {
            connection.Notification += (_, e) => _payloads.Add(e.Payload);
            await connection.OpenAsync(ct);
            await ExecuteAsync(connection, $"LISTEN {PostgreSqlJobChangeFeed.Channel}", ct);
        }

        /// <summary>What arrived until <paramref name="expected"/> payloads have (or 10 s passed), and 300 ms more, so one too many shows.</summary>
        public async Task<List<string>> PayloadsAsync(int expected, CancellationToken ct)
        {
            for (var i = 0; i < 50 && _payloads.Count < expected; i++)
            {
                await connection.WaitAsync(TimeSpan.FromMilliseconds(200), ct);
            }

            await connection.WaitAsync(TimeSpan.FromMilliseconds(300), ct);
            return [.. _payloads];
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
