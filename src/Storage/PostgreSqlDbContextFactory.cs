using Microsoft.EntityFrameworkCore;

namespace TaskWatch.Storage;

/// <summary>
/// Hands out the pooled PostgreSQL contexts as the <see cref="TaskWatchDbContext"/> the rest of TaskWatch
/// asks for, so no reader or writer knows which provider it talks to.
/// </summary>
public sealed class PostgreSqlDbContextFactory(IDbContextFactory<PostgreSqlTaskWatchDbContext> inner) : IDbContextFactory<TaskWatchDbContext>
{
    public TaskWatchDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<TaskWatchDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
}
