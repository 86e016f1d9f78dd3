using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TaskWatch.Cloud;
using TaskWatch.Configuration;
using TaskWatch.Live;
using TaskWatch.Storage;
using TaskWatch.Tests.Alerts;
using TaskWatch.Tests.Support;
using TaskWatch.Tracking;
using TaskWatch.Tracking.Leases;

namespace TaskWatch.Tests.Tracking;

/// <summary>
/// Several TaskWatch instances' account leases (the real <see cref="PostgreSqlAccountLeases"/>, each with its own
/// connection, schedule and loader) on one PostgreSQL database and one <see cref="FakeTimeProvider"/> that the test
/// moves: from one instance's look to the next, waiting (real time) after each move until every instance has
/// finished its look and sleeps again. An instance that was killed is a session of the test's holding what a
/// TaskWatch session holds (the shared instance lock and its accounts' locks): a kill closes it, and PostgreSQL
/// frees its locks as it would a killed process's. Sessions are named in <c>pg_stat_activity</c>, so the tests
/// can read who holds which account's lock.
/// </summary>
public sealed class LeaseFleet : IAsyncDisposable
{
    /// <summary>The clock's time when the fleet starts.</summary>
    public static readonly DateTime Start = new(2026, 12, 5, 12, 0, 0, DateTimeKind.Utc);

    private readonly string _connectionString;
    private readonly ServiceProvider _cloud;
    private readonly IDbContextFactory<TaskWatchDbContext> _db;
    private readonly List<(string Name, PostgreSqlAccountLeases Leases, SleepWatchingClock Clock, CapturedLogs Logs)> _instances = [];
    private readonly List<NpgsqlConnection> _sessions = [];
    private readonly List<ILoggerFactory> _logging = [];

    private LeaseFleet(string connectionString, ServiceProvider cloud, IDbContextFactory<TaskWatchDbContext> db, IReadOnlyList<string> accounts)
    {
        _connectionString = connectionString;
        _cloud = cloud;
        _db = db;
        Accounts = accounts;
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    public IReadOnlyList<string> Accounts { get; }

    /// <summary>Called with the instance's name as its loader opens the database (to read an account's stored schedule), on the loader's thread.</summary>
    public Action<string>? DatabaseRead { get; set; }

    /// <summary>The instances started (not the killed ones, which are the test's sessions).</summary>
    public IReadOnlyList<string> Instances => [.. _instances.Select(i => i.Name)];

    /// <summary>The lines every instance logged at Warning or above ("Account leases lost ...").</summary>
    public IReadOnlyList<string> Warnings =>
        [.. _instances.SelectMany(i => i.Logs.Lines.Where(l => !l.StartsWith("Information", StringComparison.Ordinal) && !l.StartsWith("Debug", StringComparison.Ordinal)).Select(l => $"{i.Name}: {l}"))];

    /// <summary>A fresh database migrated as TaskWatch migrates it, and one project ("p-" + account) per account.</summary>
    public static async Task<LeaseFleet> StartAsync(string connectionString, IReadOnlyList<string> accounts, CancellationToken cancellationToken)
    {
        var dbOptions = new DbContextOptionsBuilder<PostgreSqlTaskWatchDbContext>().UseNpgsql(connectionString).Options;
        await using (var schema = new PostgreSqlTaskWatchDbContext(dbOptions))
        {
            await schema.Database.MigrateAsync(cancellationToken);
        }

        var options = new TaskWatchOptions();
        options.Storage.Provider = nameof(StorageProvider.PostgreSQL);
        foreach (var account in accounts)
        {
            options.Accounts[account] = new AccountOptions { Token = "unused" };
            options.Projects["p-" + account] = new ProjectOptions
            {
                Account = account,
                Service = "Rds",
                ProjectId = "0123456789abcdef0123456789abcdef",
                Region = "eu-de",
                Endpoint = "http://127.0.0.1:1/rds/",
            };
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(options));
        services.AddCloudClients();
        var cloud = services.BuildServiceProvider();
        return new LeaseFleet(connectionString, cloud, new PostgreSqlDbContextFactory(new PooledDbContextFactory<PostgreSqlTaskWatchDbContext>(dbOptions)), accounts);
    }

    /// <summary>
    /// A TaskWatch instance starting now: its first look is made at once; returns when it sleeps until the next.
    /// Its session is named "lease-" + <paramref name="name"/>.
    /// </summary>
    public async Task StartInstanceAsync(string name)
    {
        var projects = _cloud.GetRequiredService<ProjectCatalog>();
        var schedule = new PollSchedule();
        var live = new LiveJobStore(Time);
        var db = new ObservedDbContextFactory(_db, () => DatabaseRead?.Invoke(name));
        var loader = new AccountScheduleLoader(schedule, projects, new StoredScheduleLoader(schedule, projects, live, db, Time), new PollerSignal(), live, db, Time);
        var clock = new SleepWatchingClock(Time);
        var logs = new CapturedLogs();
        var logging = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(logs));
        _logging.Add(logging);
        var logger = logging.CreateLogger<PostgreSqlAccountLeases>();
        var connectionString = new NpgsqlConnectionStringBuilder(_connectionString) { ApplicationName = "lease-" + name }.ToString();
        var leases = new PostgreSqlAccountLeases(connectionString, projects, loader, _cloud.GetRequiredService<IOptions<TaskWatchOptions>>(), clock, logger);
        _instances.Add((name, leases, clock, logs));
        await leases.StartAsync(CancellationToken.None);
        await SettleAsync();
    }

    /// <summary>
    /// A session holding what a TaskWatch instance's holds: the shared instance lock and the locks of
    /// <paramref name="accounts"/>; named <paramref name="name"/>. Closing it (<see cref="KillAsync"/>) is the kill.
    /// </summary>
    public async Task<NpgsqlConnection> HoldAsInstanceAsync(string name, IReadOnlyList<string> accounts, CancellationToken cancellationToken)
    {
        var session = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { ApplicationName = name, Pooling = false }.ToString());
        _sessions.Add(session);
        await session.OpenAsync(cancellationToken);
        await using (var instance = new NpgsqlCommand("SELECT pg_advisory_lock_shared(@space, 0)", session))
        {
            instance.Parameters.AddWithValue("space", PostgreSqlAccountLeases.InstanceSpace);
            await instance.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var account in accounts)
        {
            await using var take = new NpgsqlCommand("SELECT pg_advisory_lock(@space, @key)", session);
            take.Parameters.AddWithValue("space", PostgreSqlAccountLeases.AccountSpace);
            take.Parameters.AddWithValue("key", PostgreSqlAccountLeases.KeyOf(account));
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        return session;
    }

    /// <summary>Ends the session as a kill does, and waits (real time) until the server has dropped it and its locks.</summary>
    public async Task KillAsync(NpgsqlConnection session, CancellationToken cancellationToken)
    {
        var name = new NpgsqlConnectionStringBuilder(session.ConnectionString).ApplicationName!;
        await session.DisposeAsync();
        await TestApp.EventuallyAsync(
            async () => await CountAsync("SELECT count(*) FROM pg_stat_activity WHERE application_name = @name AND datname = current_database()", name, cancellationToken) == 0 ? true : (bool?)null,
            TimeSpan.FromSeconds(30),
            $"the server to end the session of {name}");
    }

    /// <summary>The accounts an instance polls now (<see cref="PostgreSqlAccountLeases.HeldAccounts"/>: taken and past the quiet time).</summary>
    public IReadOnlyCollection<string> Polled(string instance) => _instances.Single(i => i.Name == instance).Leases.HeldAccounts;

    /// <summary>Whether the instance's poller may poll the account now (from the moment its stored schedule is loaded).</summary>
    public bool Holds(string instance, string account) => _instances.Single(i => i.Name == instance).Leases.Holds(account);

    /// <summary>Whose session holds each account's lock now ("lease-B", "A", ...); an account nobody holds is left out.</summary>
    public async Task<Dictionary<string, string>> LockHoldersAsync(CancellationToken cancellationToken)
    {
        var byKey = Accounts.ToDictionary(a => (long)(uint)PostgreSqlAccountLeases.KeyOf(a));
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT a.application_name, l.objid::bigint FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND l.classid::bigint = @space
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """,
            connection);
        command.Parameters.AddWithValue("space", (long)PostgreSqlAccountLeases.AccountSpace);
        var holders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (byKey.TryGetValue(reader.GetInt64(1), out var account))
            {
                holders[account] = reader.GetString(0);
            }
        }

        return holders;
    }

    /// <summary>
    /// Moves the clock from one instance's look to the next up to <paramref name="until"/>, letting each look finish;
    /// <paramref name="afterEachMove"/> sees the state after every move.
    /// </summary>
    public async Task AdvanceToAsync(DateTime until, Func<Task>? afterEachMove = null)
    {
        await SettleAsync();
        while (Now < until)
        {
            var next = _instances.Min(i => i.Clock.WakesAtUtc) ?? until;
            Time.Advance((next < until ? next : until) - Now);
            await SettleAsync();
            if (afterEachMove is not null)
            {
                await afterEachMove();
            }
        }
    }

    // Until every instance sleeps past the clock's time: its look (real database calls) is over.
    private async Task SettleAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (_instances.Any(i => !i.Clock.IsAsleep))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Instances {string.Join(", ", _instances.Where(i => !i.Clock.IsAsleep).Select(i => i.Name))} did not finish their look at {Now:HH:mm:ss.f} within 30 s.");
            }

            await Task.Delay(2);
        }
    }

    private async Task<long> CountAsync(string sql, string name, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("name", name);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, leases, _, _) in _instances)
        {
            await leases.StopAsync(CancellationToken.None);
            leases.Dispose();
        }

        foreach (var session in _sessions)
        {
            await session.DisposeAsync();
        }

        foreach (var logging in _logging)
        {
            logging.Dispose();
        }

        await _cloud.DisposeAsync();
    }
}
