using System.Data;
using System.Data.Common;
using TaskWatch.Core;

namespace TaskWatch.Storage;

/// <summary>
/// Rewrites what a poll learnt into a job's row through one prepared statement, reused for a batch
/// inside the caller's transaction. EF built, parameterised and parsed an UPDATE per changed row,
/// which cost more than the database's own work. Groups of columns that a poll did not learn (no content
/// yet, no body, no entities) keep their stored values; times are UTC ticks and enums integers, as
/// the model maps them.
/// </summary>
public sealed class TrackedJobRewriteCommand : IDisposable
{
    private readonly DbCommand _command;
    private readonly Dictionary<string, DbParameter> _parameters = new(StringComparer.Ordinal);

    public TrackedJobRewriteCommand(DbConnection connection, DbTransaction transaction)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = """
            UPDATE "TrackedJobs" SET
                "Phase" = @phase, "LastPolledUtc" = @polled, "NextPollUtc" = @next, "LastReadUtc" = @read,
                "LastErrorOutcome" = @outcome, "LastError" = @error, "ErrorSinceUtc" = @errorSince, "ConsecutiveErrors" = @errors,
                "State" = CASE WHEN @hasContent THEN @state ELSE "State" END,
                "StatusWord" = CASE WHEN @hasContent THEN @word ELSE "StatusWord" END,
                "Progress" = CASE WHEN @hasContent THEN @progress ELSE "Progress" END,
                "Name" = CASE WHEN @hasContent THEN @name ELSE "Name" END,
                "EndedUtc" = CASE WHEN @hasContent THEN @ended ELSE "EndedUtc" END,
                "FailReason" = CASE WHEN @hasContent THEN @reason ELSE "FailReason" END,
                "InstanceId" = CASE WHEN @hasContent THEN @instanceId ELSE "InstanceId" END,
                "InstanceName" = CASE WHEN @hasContent THEN @instanceName ELSE "InstanceName" END,
                "CreatedUtc" = CASE WHEN @hasContent THEN @created ELSE "CreatedUtc" END,
                "LastChangeUtc" = CASE WHEN @hasContent THEN @lastChange ELSE "LastChangeUtc" END,
                "CreatedText" = CASE WHEN @hasBody THEN @createdText ELSE "CreatedText" END,
                "EndedText" = CASE WHEN @hasBody THEN @endedText ELSE "EndedText" END,
                "EntitiesJson" = CASE WHEN @hasEntities THEN @entities ELSE "EntitiesJson" END,
                "RawJson" = CASE WHEN @hasRaw THEN @raw ELSE "RawJson" END
            WHERE "Id" = @id
            """;
        foreach (var (name, type) in new (string, DbType)[]
        {
            ("@id", DbType.Int64), ("@phase", DbType.Int32), ("@polled", DbType.Int64), ("@next", DbType.Int64),
            ("@read", DbType.Int64), ("@outcome", DbType.Int32), ("@error", DbType.String), ("@errorSince", DbType.Int64),
            ("@errors", DbType.Int32), ("@hasContent", DbType.Boolean), ("@state", DbType.Int32), ("@word", DbType.String),
            ("@progress", DbType.Int32), ("@name", DbType.String), ("@ended", DbType.Int64), ("@reason", DbType.String),
            ("@instanceId", DbType.String), ("@instanceName", DbType.String), ("@created", DbType.Int64), ("@lastChange", DbType.Int64),
            ("@hasBody", DbType.Boolean), ("@createdText", DbType.String), ("@endedText", DbType.String),
            ("@hasEntities", DbType.Boolean), ("@entities", DbType.String), ("@hasRaw", DbType.Boolean), ("@raw", DbType.String),
        })
        {
            // Every parameter is bound on every execution, those a CASE leaves unused included.
            _parameters[name] = _command.Add(name, type);
        }

        _command.Prepare();
    }

    /// <summary>What the poll says of the polling itself; always stored.</summary>
    public void SetPolling(long id, PollPhase phase, DateTime polledUtc, DateTime? nextPollUtc, DateTime? lastReadUtc, ReadOutcome? errorOutcome, string? error, DateTime? errorSinceUtc, int consecutiveErrors)
    {
        Set("@id", id);
        Set("@phase", (int)phase);
        Set("@polled", UtcTicks.Of(polledUtc));
        Set("@next", UtcTicks.OrNull(nextPollUtc));
        Set("@read", UtcTicks.OrNull(lastReadUtc));
        Set("@outcome", errorOutcome is { } o ? (int)o : null);
        Set("@error", error);
        Set("@errorSince", UtcTicks.OrNull(errorSinceUtc));
        Set("@errors", consecutiveErrors);
        Set("@hasContent", false);
        Set("@hasBody", false);
        Set("@hasEntities", false);
        Set("@hasRaw", false);
    }

    /// <summary>What the cloud said of the job; stored only when the poller knows it (a first read may have failed).</summary>
    public void SetContent(JobState state, string? statusWord, int? progress, string? name, DateTime? endedUtc, string? failReason, string? instanceId, string? instanceName, DateTime? createdUtc, DateTime? lastChangeUtc)
    {
        Set("@hasContent", true);
        Set("@state", (int)state);
        Set("@word", statusWord);
        Set("@progress", progress);
        Set("@name", name);
        Set("@ended", UtcTicks.OrNull(endedUtc));
        Set("@reason", failReason);
        Set("@instanceId", instanceId);
        Set("@instanceName", instanceName);
        Set("@created", UtcTicks.OrNull(createdUtc));
        Set("@lastChange", UtcTicks.OrNull(lastChangeUtc));
    }

    /// <summary>The time texts of the body this poll read.</summary>
    public void SetBodyTimes(string? createdText, string? endedText)
    {
        Set("@hasBody", true);
        Set("@createdText", createdText);
        Set("@endedText", endedText);
    }

    public void SetEntities(string entitiesJson)
    {
        Set("@hasEntities", true);
        Set("@entities", entitiesJson);
    }

    public void SetRawJson(string rawJson)
    {
        Set("@hasRaw", true);
        Set("@raw", rawJson);
    }

    /// <summary>Writes the row with what was set since <see cref="SetPolling"/>.</summary>
    public void Execute() => _command.ExecuteNonQuery();

    public void Dispose() => _command.Dispose();

    private void Set(string name, object? value) => _parameters[name].Value = value ?? DBNull.Value;
}
