using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TaskWatch.Configuration;
using TaskWatch.Storage;
using TaskWatch.Tracking.Leases;

namespace TaskWatch.Hosting;

/// <summary>
/// The database registration: one <see cref="IDbContextFactory{TaskWatchDbContext}"/> on the configured provider, and
/// who polls which account (SQLite: this instance, all of them; PostgreSQL: the holder of each account's lease).
/// </summary>
public static class StorageServices
{
    public static IServiceCollection AddTaskWatchStorage(this IServiceCollection services, IConfiguration configuration, TaskWatchOptions options)
    {
        // Pooled: a page view or an API call takes a context for one search; building a fresh one each
        // time was a measurable part of a sub-millisecond search (bench, storage scenario).
        if (options.Storage.ProviderKind == StorageProvider.PostgreSQL)
        {
            // Read here and handed to Npgsql only: the string holds the password (StartupValidation checked its form).
            var connectionString = configuration[StorageOptions.ConnectionStringKey]!;
            // EF's own error line for a failed open would come before (and beside) the one start-up line that
            // names the key, host and reason (TaskWatchHost); every caller reports its own failures anyway.
            services.AddPooledDbContextFactory<PostgreSqlTaskWatchDbContext>(db => db
                .UseNpgsql(connectionString)
                .ConfigureWarnings(w => w.Log((RelationalEventId.ConnectionError, LogLevel.Debug))));
            services.AddSingleton<IDbContextFactory<TaskWatchDbContext>, PostgreSqlDbContextFactory>();
            // Several instances may share the database: each account is polled by the one that holds its lease,
            // and every instance hears of the others' changes (src/Tracking/Leases).
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<PostgreSqlAccountLeases>(sp, connectionString));
            services.AddSingleton<IAccountOwnership>(sp => sp.GetRequiredService<PostgreSqlAccountLeases>());
            services.AddHostedService(sp => sp.GetRequiredService<PostgreSqlAccountLeases>());
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<PostgreSqlJobChangeFeed>(sp, connectionString));
            services.AddHostedService(sp => sp.GetRequiredService<PostgreSqlJobChangeFeed>());
        }
        else
        {
            var connection = DatabaseInitializer.ConnectionString(options.Database);
            services.AddPooledDbContextFactory<TaskWatchDbContext>(db => db
                .UseSqlite(connection)
                .AddInterceptors(new SqlitePragmaInterceptor()));
            services.AddSingleton<IAccountOwnership, EveryAccountOwnership>();
            // Tried: a test may register its own (a disk that is full).
            services.TryAddSingleton(new SqliteBackups(options.Storage.Backups));
        }

        return services;
    }
}
