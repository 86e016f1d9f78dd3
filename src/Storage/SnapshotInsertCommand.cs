using System.Data;
using System.Data.Common;

namespace TaskWatch.Storage;

/// <summary>
/// Inserts snapshot rows through one prepared statement, reused for a whole batch inside the caller's
/// transaction. EF built, parameterised and tracked a command per row, which cost more than the database's
/// own work; this writes exactly the columns and conversions the model maps (times as UTC ticks,
/// enums as integers).
/// </summary>
public sealed class SnapshotInsertCommand : IDisposable
{
    private readonly DbCommand _command;
    private readonly DbParameter _trackedJobId;
    private readonly DbParameter _observed;
    private readonly DbParameter _state;
    private readonly DbParameter _statusWord;
    private readonly DbParameter _progress;
    private readonly DbParameter _name;
    private readonly DbParameter _ended;
    private readonly DbParameter _failReason;
    private readonly DbParameter _entities;

    public SnapshotInsertCommand(DbConnection connection, DbTransaction transaction)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = """
            INSERT INTO "JobSnapshots" ("TrackedJobId", "ObservedUtc", "State", "StatusWord", "Progress", "Name", "EndedUtc", "FailReason", "EntitiesJson")
            VALUES (@job, @observed, @state, @word, @progress, @name, @ended, @reason, @entities)
            """;
        _trackedJobId = _command.Add("@job", DbType.Int64);
        _observed = _command.Add("@observed", DbType.Int64);
        _state = _command.Add("@state", DbType.Int32);
        _statusWord = _command.Add("@word", DbType.String);
        _progress = _command.Add("@progress", DbType.Int32);
        _name = _command.Add("@name", DbType.String);
        _ended = _command.Add("@ended", DbType.Int64);
        _failReason = _command.Add("@reason", DbType.String);
        _entities = _command.Add("@entities", DbType.String);
        _command.Prepare();
    }

    public void Insert(JobSnapshot s)
    {
        _trackedJobId.Value = s.TrackedJobId;
        _observed.Value = UtcTicks.Of(s.ObservedUtc);
        _state.Value = (int)s.State;
        _statusWord.Value = (object?)s.StatusWord ?? DBNull.Value;
        _progress.Value = (object?)s.Progress ?? DBNull.Value;
        _name.Value = (object?)s.Name ?? DBNull.Value;
        _ended.Value = UtcTicks.OrNull(s.EndedUtc);
        _failReason.Value = (object?)s.FailReason ?? DBNull.Value;
        _entities.Value = (object?)s.EntitiesJson ?? DBNull.Value;
        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
