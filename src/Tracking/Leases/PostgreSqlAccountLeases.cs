using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using TaskWatch.Cloud;
using TaskWatch.Configuration;

namespace TaskWatch.Tracking.Leases;

/// <summary>
/// Shares the accounts among the TaskWatch instances on one PostgreSQL database: each account's polling is held
/// by one instance through a session advisory lock on a connection this instance keeps open. PostgreSQL frees
/// the locks of a session that ends, so a killed instance's accounts are free at once (no lease row to expire,
/// no clocks to compare); the others look for free accounts every <see cref="StorageOptions.LeaseCheckInterval"/>.
/// Every instance also holds one shared lock, so the live instances are counted in <c>pg_locks</c> without a
/// heartbeat table, and each takes at most ceil(accounts / live instances), giving back the rest.
/// </summary>
public sealed class PostgreSqlAccountLeases(
    string connectionString,
    ProjectCatalog projects,
    AccountScheduleLoader loader,
    IOptions<TaskWatchOptions> options,
    TimeProvider time,
    ILogger<PostgreSqlAccountLeases> logger) : BackgroundService, IAccountOwnership
{
    /// <summary>First key of the account locks: "TWA1" in ASCII, so they read as TaskWatch's in pg_locks.</summary>
    public const int AccountSpace = 0x54574131;

    /// <summary>First key of the shared lock every live instance holds: "TWI1".</summary>
    public const int InstanceSpace = 0x54574931;

    private readonly Lock _sync = new();
    private readonly HashSet<string> _held = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _loading = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DateTime> _quietUntil = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _releasing = new(StringComparer.OrdinalIgnoreCase);
    private NpgsqlConnection? _connection;
    private int _instancesBefore;
    private DateTime _rebalancingUntil;

    private static readonly TimeSpan RebalancingLook = TimeSpan.FromSeconds(1);

    /// <summary>Live instances on the database at the last look (this one included).</summary>
    public int LiveInstances { get; private set; }

    public bool Holds(string account)
    {
        lock (_sync)
        {
            return _held.Contains(account) || _loading.Contains(account);
        }
    }

    public bool IsShared => true;

    public IReadOnlyCollection<string> HeldAccounts
    {
        get
        {
            lock (_sync)
            {
                return [.. _held.Order(StringComparer.OrdinalIgnoreCase)];
            }
        }
    }

    /// <summary>The second key of an account's lock: a stable hash of its name (two names on one key are simply held together).</summary>
    public static int KeyOf(string account) =>
        BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(account.ToUpperInvariant())), 0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Storage.LeaseCheckInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = interval;
            try
            {
                wait = await LookAsync(interval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The session is gone or unusable: its locks are gone with it, so nothing is held any more.
                logger.LogWarning("Account leases lost ({Reason}); trying again in {Seconds:0.#} s", ex.Message, interval.TotalSeconds);
                await DropConnectionAsync().ConfigureAwait(false);
            }

            try
            {
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await DropConnectionAsync().ConfigureAwait(false);
    }

    /// <summary>One look: count the instances, give back what is over this one's share, take free accounts up to it. Returns the time to the next look.</summary>
    private async Task<TimeSpan> LookAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        var connection = _connection ??= await ConnectAsync(cancellationToken).ConfigureAwait(false);
        var accounts = projects.All.Select(p => p.Account).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        LiveInstances = Math.Max(1, await CountInstancesAsync(connection, cancellationToken).ConfigureAwait(false));
        var share = (accounts.Count + LiveInstances - 1) / LiveInstances;
        var now = time.GetUtcNow().UtcDateTime;

        // Given back at the look after the one that stopped their polling, so a round already out has ended.
        foreach (var account in _releasing.ToList())
        {
            await UnlockAsync(connection, account, cancellationToken).ConfigureAwait(false);
            _releasing.Remove(account);
            logger.LogInformation("Gave account {Account} back to the other instances", account);
        }

        List<string> mine;
        List<string> quiet;
        lock (_sync)
        {
            mine = [.. _held.Concat(_quietUntil.Keys).Order(StringComparer.OrdinalIgnoreCase)];
            quiet = [.. _quietUntil.Keys];
        }

        // Over the share (an instance joined): accounts still in their quiet time first, given back at once (this instance
        // has not polled them, so no round of theirs is out); then polled ones, at the next look. Issue 32: when an instance
        // was killed and another started, the survivors took the dead one's accounts and then gave back polled ones, a
        // look later, while the dead one's stayed quiet with them: some of its accounts waited 27 s for a poll (limit 21).
        var over = mine.Count - share;
        foreach (var account in quiet.Order(StringComparer.OrdinalIgnoreCase).Reverse().Take(Math.Max(0, over)).ToList())
        {
            lock (_sync)
            {
                _quietUntil.Remove(account);
            }

            mine.Remove(account);
            loader.Release(account);
            await UnlockAsync(connection, account, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Gave account {Account} back to the other instances before polling it", account);
        }

        foreach (var account in mine.Skip(share).Reverse())
        {
            lock (_sync)
            {
                _held.Remove(account);
                _quietUntil.Remove(account);
            }

            loader.Release(account);
            _releasing.Add(account);
        }

        var count = Math.Min(mine.Count, share);
        foreach (var account in accounts)
        {
            if (count >= share)
            {
                break;
            }

            if (mine.Contains(account, StringComparer.OrdinalIgnoreCase) || _releasing.Contains(account))
            {
                continue;
            }

            if (await TryLockAsync(connection, account, cancellationToken).ConfigureAwait(false))
            {
                lock (_sync)
                {
                    _quietUntil[account] = now + StorageOptions.LeaseQuiet;
                }

                count++;
                logger.LogInformation("Took account {Account}; polling it from {Seconds:0} s on", account, StorageOptions.LeaseQuiet.TotalSeconds);
            }
        }

        // After the instances changed, one under its share looks every second for two intervals: the others count the
        // change at their next look (up to an interval on) and give back a polled account a look after that (its round out
        // has ended), and waiting a whole interval more to take it would add to the takeover or the join.
        if (LiveInstances != _instancesBefore)
        {
            _rebalancingUntil = now + (2 * interval);
            _instancesBefore = LiveInstances;
        }

        var wait = await StartQuietOnesAsync(interval, cancellationToken).ConfigureAwait(false);
        return count < share && now < _rebalancingUntil && wait > RebalancingLook ? RebalancingLook : wait;
    }

    /// <summary>Starts polling the accounts whose quiet time has passed, from the stored schedule; returns the time to the next look.</summary>
    private async Task<TimeSpan> StartQuietOnesAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        List<string> ready;
        DateTime next = now + interval;
        lock (_sync)
        {
            ready = [.. _quietUntil.Where(q => q.Value <= now).Select(q => q.Key)];
            foreach (var until in _quietUntil.Values.Where(v => v > now))
            {
                next = until < next ? until : next;
            }
        }

        foreach (var account in ready)
        {
            // Polled here from before its stored schedule is read: the load puts the account's jobs in the schedule and
            // wakes the poller, which sets aside the due jobs of an account this instance does not poll until it takes it
            // over (issue 32: a takeover polled only after its load left an account unpolled until a new job woke its
            // project, 28 s). Named held (/healthz) once loaded: the load closes the previous holder's pending deliveries.
            lock (_sync)
            {
                if (!_quietUntil.Remove(account))
                {
                    continue;
                }

                _loading.Add(account);
            }

            var jobs = await loader.LoadAsync(account, cancellationToken).ConfigureAwait(false);
            lock (_sync)
            {
                if (_loading.Remove(account))
                {
                    _held.Add(account);
                }
            }

            logger.LogInformation("Polling account {Account} ({Jobs} tracked jobs from the stored schedule)", account, jobs);
        }

        var wait = next - now;
        return wait < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : wait;
    }

    private async Task<NpgsqlConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        // Not pooled: a pooled connection would go back to the pool still holding the session's locks.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 30 }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // A host that dies without closing its socket (power, network) leaves no FIN: the server's own TCP
            // keepalive ends the session, and frees its accounts, within about 25 s instead of the default 2 h.
            await using (var keepAlive = new NpgsqlCommand("SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3", connection))
            {
                await keepAlive.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock_shared(@space, 0)", connection);
            command.Parameters.AddWithValue("space", InstanceSpace);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<int> CountInstancesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*) FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid::bigint = @space AND objid::bigint = 0
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """,
            connection);
        command.Parameters.AddWithValue("space", (long)InstanceSpace);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, string account, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@space, @key)", connection);
        command.Parameters.AddWithValue("space", AccountSpace);
        command.Parameters.AddWithValue("key", KeyOf(account));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }

    private static async Task UnlockAsync(NpgsqlConnection connection, string account, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@space, @key)", connection);
        command.Parameters.AddWithValue("space", AccountSpace);
        command.Parameters.AddWithValue("key", KeyOf(account));
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task DropConnectionAsync()
    {
        lock (_sync)
        {
            _held.Clear();
            _loading.Clear();
            _quietUntil.Clear();
        }

        loader.ReleaseAll();
        _releasing.Clear();
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
    }
}
