using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using TaskWatch.Configuration;
using TaskWatch.Storage;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Storage;

/// <summary>
/// A fresh database on one provider, migrated as TaskWatch migrates it at start-up, reached through the
/// same <see cref="IDbContextFactory{TaskWatchDbContext}"/> the app registers. SQLite is a temp file;
/// PostgreSQL a new database on the tests' own server (<see cref="PostgreSqlServer"/>).
/// </summary>
public sealed class StorageUnderTest : IAsyncDisposable
{
    private readonly TempFolder? _folder;

    private StorageUnderTest(StorageProvider provider, IDbContextFactory<TaskWatchDbContext> factory, TempFolder? folder, string? connectionString)
    {
        Provider = provider;
        Factory = factory;
        _folder = folder;
        ConnectionString = connectionString;
    }

    /// <summary>Both providers, for a theory.</summary>
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.PostgreSQL];

    public StorageProvider Provider { get; }

    public IDbContextFactory<TaskWatchDbContext> Factory { get; }

    /// <summary>PostgreSQL's connection string; null on SQLite.</summary>
    public string? ConnectionString { get; }

    public static async Task<StorageUnderTest> CreateAsync(StorageProvider provider, PostgreSqlServer server, CancellationToken ct)
    {
        StorageUnderTest storage;
        if (provider == StorageProvider.PostgreSQL)
        {
            var connectionString = await server.DatabaseAsync();
            var pooled = new PooledDbContextFactory<PostgreSqlTaskWatchDbContext>(
                new DbContextOptionsBuilder<PostgreSqlTaskWatchDbContext>().UseNpgsql(connectionString).Options);
            storage = new StorageUnderTest(provider, new PostgreSqlDbContextFactory(pooled), null, connectionString);
        }
        else
        {
            var folder = new TempFolder();
            var factory = new PooledDbContextFactory<TaskWatchDbContext>(new DbContextOptionsBuilder<TaskWatchDbContext>()
                .UseSqlite(DatabaseInitializer.ConnectionString(Path.Combine(folder.Path, "taskwatch.db")))
                .AddInterceptors(new SqlitePragmaInterceptor())
                .Options);
            storage = new StorageUnderTest(provider, factory, folder, null);
        }

        await DatabaseInitializer.InitializeAsync(storage.Factory, ct);
        return storage;
    }

    public async ValueTask DisposeAsync()
    {
        if (ConnectionString is not null)
        {
            // The server and every database on it go when the test run ends; the pool's connections now.
            await using var connection = new NpgsqlConnection(ConnectionString);
            NpgsqlConnection.ClearPool(connection);
        }

        _folder?.Dispose();
    }
}
