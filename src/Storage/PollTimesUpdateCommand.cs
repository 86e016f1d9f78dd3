using System.Data;
using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace TaskWatch.Storage;

/// <summary>
/// Stores only the poll times of jobs' rows (last polled, last read, next poll) for a write batch: most polls
/// change nothing else, and rewriting the whole row through EF for them cost more than the poll itself.
/// On PostgreSQL the batch is one statement (<c>UPDATE … FROM unnest(…)</c>): one round trip, and one firing of
/// the statement-level trigger that tells other instances, so they get one notification per up to 120 jobs
/// instead of one per job (issue 32: about 1,800 a second reached every instance at 100 accounts). On SQLite
/// each row is one execution of a prepared statement: in-process, no round trip and no notification to save,
/// and one statement text whatever the batch's size (a statement built for N rows would be parsed per size).
/// </summary>
public sealed class PollTimesUpdateCommand(DbConnection connection, DbTransaction transaction) : IDisposable
{
    private const string OneRow = """UPDATE "TrackedJobs" SET "LastPolledUtc" = @polled, "LastReadUtc" = @read, "NextPollUtc" = @next WHERE "Id" = @id""";

    private const string Batch = """
        UPDATE "TrackedJobs" AS t SET "LastPolledUtc" = u.polled, "LastReadUtc" = u.read, "NextPollUtc" = u.next
        FROM unnest(@ids, @polled, @read, @next) AS u(id, polled, read, next)
        WHERE t."Id" = u.id
        """;

    private readonly List<long> _ids = [];
    private readonly List<long> _polled = [];
    private readonly List<long?> _read = [];
    private readonly List<long?> _next = [];
    private DbCommand? _command;

    /// <summary>Adds one row's poll times to the batch; <see cref="Execute"/> stores them.</summary>
    public void Add(long id, DateTime polledUtc, DateTime? lastReadUtc, DateTime? nextPollUtc)
    {
        _ids.Add(id);
        _polled.Add(UtcTicks.Of(polledUtc));
        _read.Add(lastReadUtc is { } read ? UtcTicks.Of(read) : null);
        _next.Add(nextPollUtc is { } next ? UtcTicks.Of(next) : null);
    }

    /// <summary>Stores the rows added since the last call, inside the caller's transaction, and returns how many rows it updated.</summary>
    public int Execute()
    {
        if (_ids.Count == 0)
        {
            return 0;
        }

        var updated = connection is NpgsqlConnection ? ExecuteBatch() : ExecuteRows();
        _ids.Clear();
        _polled.Clear();
        _read.Clear();
        _next.Clear();
        return updated;
    }

    private int ExecuteBatch()
    {
        _command?.Dispose();
        var command = new NpgsqlCommand(Batch, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        _command = command;
        command.Parameters.Add(new NpgsqlParameter<long[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. _ids] });
        command.Parameters.Add(new NpgsqlParameter<long[]>("polled", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. _polled] });
        command.Parameters.Add(new NpgsqlParameter<long?[]>("read", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. _read] });
        command.Parameters.Add(new NpgsqlParameter<long?[]>("next", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. _next] });
        // The writer keeps its connection: Npgsql keeps the statement prepared on it from batch to batch.
        command.Prepare();
        return command.ExecuteNonQuery();
    }

    private int ExecuteRows()
    {
        if (_command is null)
        {
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = OneRow;
            _command.Add("@id", DbType.Int64);
            _command.Add("@polled", DbType.Int64);
            _command.Add("@read", DbType.Int64);
            _command.Add("@next", DbType.Int64);
            _command.Prepare();
        }

        var (id, polled, read, next) = (_command.Parameters["@id"], _command.Parameters["@polled"], _command.Parameters["@read"], _command.Parameters["@next"]);
        var updated = 0;
        for (var i = 0; i < _ids.Count; i++)
        {
            id.Value = _ids[i];
            polled.Value = _polled[i];
            read.Value = _read[i] is { } r ? r : DBNull.Value;
            next.Value = _next[i] is { } n ? n : DBNull.Value;
            updated += _command.ExecuteNonQuery();
        }

        return updated;
    }

    public void Dispose() => _command?.Dispose();
}
