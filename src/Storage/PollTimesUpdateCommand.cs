using System.Data;
using System.Data.Common;

namespace TaskWatch.Storage;

/// <summary>
/// Stores only the poll times of a job's row (last polled, last read, next poll) through one prepared
/// statement reused for a batch: most polls change nothing else, and rewriting the whole row through
/// EF for them cost more than the poll itself.
/// </summary>
public sealed class PollTimesUpdateCommand : IDisposable
{
    private readonly DbCommand _command;
    private readonly DbParameter _id;
    private readonly DbParameter _polled;
    private readonly DbParameter _read;
    private readonly DbParameter _next;

    public PollTimesUpdateCommand(DbConnection connection, DbTransaction transaction)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = """UPDATE "TrackedJobs" SET "LastPolledUtc" = @polled, "LastReadUtc" = @read, "NextPollUtc" = @next WHERE "Id" = @id""";
        _id = _command.Add("@id", DbType.Int64);
        _polled = _command.Add("@polled", DbType.Int64);
        _read = _command.Add("@read", DbType.Int64);
        _next = _command.Add("@next", DbType.Int64);
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
