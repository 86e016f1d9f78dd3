using Npgsql;

namespace TaskWatch.Bench;

/// <summary>
/// The database's side of a fleet: <c>pg_stat_database</c>'s transactions and rows of the fleet's database,
/// read at both ends of a window, and the NOTIFY traffic on the instances' channel, counted by one more
/// listener (every instance receives the same notifications: the fan-out is this times the instances).
/// </summary>
public sealed class FleetDatabaseLoad(string connectionString) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _listening;
    private long _notifications;
    private long _ids;
    private long _bytes;

    public record Counters(DateTime At, long Commits, long Inserted, long Updated, long Returned, long Fetched, long Notifications, long NotifiedIds, long NotifiedBytes, IReadOnlyDictionary<string, long> ReadPerTable);

    public async Task StartAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        connection.Notification += (_, e) =>
        {
            Interlocked.Increment(ref _notifications);
            Interlocked.Add(ref _ids, e.Payload.Count(c => c == ',') + 1);
            Interlocked.Add(ref _bytes, e.Payload.Length);
        };
        await connection.OpenAsync();
        await using (var listen = new NpgsqlCommand($"LISTEN {TaskWatch.Tracking.Leases.PostgreSqlJobChangeFeed.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync();
        }

        _listening = Task.Run(async () =>
        {
            await using (connection)
            {
                try
                {
                    while (true)
                    {
                        await connection.WaitAsync(_stop.Token);
                    }
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    public async Task<Counters> ReadAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // The statistics a backend gathers reach pg_stat_database when it ends a transaction, at most once a second.
        await using var command = new NpgsqlCommand("SELECT pg_stat_clear_snapshot(); SELECT xact_commit, tup_inserted, tup_updated, tup_returned, tup_fetched FROM pg_stat_database WHERE datname = current_database()", connection);
        long commits, inserted, updated, returned, fetched;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.NextResultAsync();
            await reader.ReadAsync();
            (commits, inserted, updated, returned, fetched) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
        }

        // Rows read per table (sequential scans' rows and index fetches): which table the reads come from.
        var perTable = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var tables = new NpgsqlCommand("SELECT relname, coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) FROM pg_stat_user_tables", connection))
        await using (var reader = await tables.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                perTable[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        return new Counters(DateTime.UtcNow, commits, inserted, updated, returned, fetched,
            Interlocked.Read(ref _notifications), Interlocked.Read(ref _ids), Interlocked.Read(ref _bytes), perTable);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_listening is not null)
        {
            await _listening;
        }

        _stop.Dispose();
    }
}
