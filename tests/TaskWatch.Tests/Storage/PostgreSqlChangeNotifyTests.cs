using Npgsql;
using TaskWatch.Configuration;
using TaskWatch.Storage;
using TaskWatch.Tests.Support;
using TaskWatch.Tracking.Leases;

namespace TaskWatch.Tests.Storage;

/// <summary>
/// The TrackedJobs triggers that feed other instances (JobChangeNotify, JobPollTimesNotify): a committed write
/// that changed only a row's poll times carries them (<c>id:read:next</c>), so other instances need not read
/// the row; any other write sends the bare id, which they read.
/// </summary>
public sealed class PostgreSqlChangeNotifyTests(PostgreSqlServer server)
{
    [Fact]
    public async Task APollTimesOnlyUpdate_CarriesItsTimes_AnyOtherWriteTheBareId()
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

        Assert.Equal([$"{id}", $"{id}:{read.Ticks}:{next.Ticks}", $"{id}:{read.Ticks}:", $"{id}"], payloads);
        var changed = new HashSet<long>();
        var polled = new Dictionary<long, JobPollTimes>();
        JobChangePayload.Read(payloads[1], changed, polled);
        Assert.Equal(new JobPollTimes(read, next), polled[id]);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
