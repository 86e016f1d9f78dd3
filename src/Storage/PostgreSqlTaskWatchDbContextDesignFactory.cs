using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TaskWatch.Storage;

/// <summary>
/// The PostgreSQL context as <c>dotnet ef ... --context PostgreSqlTaskWatchDbContext</c> builds it to write
/// and check its migrations. The tools compare models only; they never open this connection.
/// </summary>
public sealed class PostgreSqlTaskWatchDbContextDesignFactory : IDesignTimeDbContextFactory<PostgreSqlTaskWatchDbContext>
{
    public PostgreSqlTaskWatchDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlTaskWatchDbContext>().UseNpgsql("Host=127.0.0.1;Database=design-time").Options);
}
