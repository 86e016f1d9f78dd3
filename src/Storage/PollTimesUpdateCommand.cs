using Microsoft.Data.Sqlite;

namespace TaskWatch.Storage;

/// <summary>
/// Stores only the poll times of a job's row (last polled, last read, next poll) through one prepared
/// statement reused for a batch: most polls change nothing else, and rewriting the whole row through
/// EF for them cost more than the poll itself.
/// </summary>
public sealed class PollTimesUpdateCommand : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter _id;
    private readonly SqliteParameter _polled;
    private readonly SqliteParameter _read;
    private readonly SqliteParameter _next;

    public PollTimesUpdateCommand(SqliteConnection connection, SqliteTransaction transaction)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = """UPDATE "TrackedJobs" SET "LastPolledUtc" = $polled, "LastReadUtc" = $read, "NextPollUtc" = $next WHERE "Id" = $id""";
        _id = _command.Parameters.Add("$id", SqliteType.Integer);
        _polled = _command.Parameters.Add("$polled", SqliteType.Integer);
        _read = _command.Parameters.Add("$read", SqliteType.Integer);
        _next = _command.Parameters.Add("$next", SqliteType.Integer);
        _command.Prepare();
    }

    public void Update(long id, DateTime polledUtc, DateTime? lastReadUtc, DateTime? nextPollUtc)
    {
        _id.Value = id;
        _polled.Value = UtcTicks.Of(polledUtc);
        _read.Value = UtcTicks.OrNull(lastReadUtc);
        _next.Value = UtcTicks.OrNull(nextPollUtc);
        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
