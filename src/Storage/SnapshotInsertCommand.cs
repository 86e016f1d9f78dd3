using Microsoft.Data.Sqlite;

namespace TaskWatch.Storage;

/// <summary>
/// Inserts snapshot rows through one prepared statement, reused for a whole batch inside the caller's
/// transaction. EF built, parameterised and tracked a command per row, which cost more than SQLite's
/// own work; this writes exactly the columns and conversions the model maps (times as UTC ticks,
/// enums as integers).
/// </summary>
public sealed class SnapshotInsertCommand : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter _trackedJobId;
    private readonly SqliteParameter _observed;
    private readonly SqliteParameter _state;
    private readonly SqliteParameter _statusWord;
    private readonly SqliteParameter _progress;
    private readonly SqliteParameter _name;
    private readonly SqliteParameter _ended;
    private readonly SqliteParameter _failReason;
    private readonly SqliteParameter _entities;

    public SnapshotInsertCommand(SqliteConnection connection, SqliteTransaction transaction)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = """
            INSERT INTO "JobSnapshots" ("TrackedJobId", "ObservedUtc", "State", "StatusWord", "Progress", "Name", "EndedUtc", "FailReason", "EntitiesJson")
            VALUES ($job, $observed, $state, $word, $progress, $name, $ended, $reason, $entities)
            """;
        _trackedJobId = _command.Parameters.Add("$job", SqliteType.Integer);
        _observed = _command.Parameters.Add("$observed", SqliteType.Integer);
        _state = _command.Parameters.Add("$state", SqliteType.Integer);
        _statusWord = _command.Parameters.Add("$word", SqliteType.Text);
        _progress = _command.Parameters.Add("$progress", SqliteType.Integer);
        _name = _command.Parameters.Add("$name", SqliteType.Text);
        _ended = _command.Parameters.Add("$ended", SqliteType.Integer);
        _failReason = _command.Parameters.Add("$reason", SqliteType.Text);
        _entities = _command.Parameters.Add("$entities", SqliteType.Text);
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
