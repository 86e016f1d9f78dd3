using Npgsql;

namespace TaskWatch.Storage;

/// <summary>
/// Keeps a second TaskWatch off a PostgreSQL database one is already using: until polling is shared between
/// instances (a per-account lease), two instances would each poll every account and spend its call budget
/// twice. A session advisory lock on a connection of its own, held for the life of the app: PostgreSQL frees
/// it when that connection ends, so a stopped or killed instance (SIGKILL included) lets the next one start
/// at once, with no lease row to expire.
/// </summary>
public sealed class PostgreSqlInstanceLock(string connectionString) : IAsyncDisposable
{
    /// <summary>The advisory lock's key: "TaskWatc" in ASCII (eight bytes), so that it reads as TaskWatch's in pg_locks.</summary>
    public const long Key = 0x5461736B57617463;

    private NpgsqlConnection? _connection;

    /// <exception cref="DatabaseInUseException">Another running instance holds the lock.</exception>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        // Not pooled: a pooled connection would go back to the pool still holding the session's lock.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 30 }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // A host that dies without closing its socket (power, network) leaves no FIN: the server's own TCP
            // keepalive on this session ends it, and frees the lock, within about 25 s instead of the default 2 h.
            await using (var keepAlive = new NpgsqlCommand("SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3", connection))
            {
                await keepAlive.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                throw new DatabaseInUseException(connection.Database, connection.Host ?? "?", connection.Port);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _connection = connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            // Closing the session frees its advisory locks.
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
    }
}
