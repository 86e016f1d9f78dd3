using Microsoft.EntityFrameworkCore;
using TaskWatch.Storage;

namespace TaskWatch.Tests.Tracking;

/// <summary>A context factory that tells the test each time a context is made: the moment a stored schedule is read.</summary>
public sealed class ObservedDbContextFactory(IDbContextFactory<TaskWatchDbContext> inner, Action onCreate) : IDbContextFactory<TaskWatchDbContext>
{
    public TaskWatchDbContext CreateDbContext()
    {
        onCreate();
        return inner.CreateDbContext();
    }

    public async Task<TaskWatchDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
    {
        onCreate();
        return await inner.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
    }
}
