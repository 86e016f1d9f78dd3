using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TaskWatch.Storage;

/// <summary>
/// The context as <c>dotnet ef</c> builds it to write and check migrations: the app's model on
/// SQLite, without starting the host (which would start the poller and the demo simulator). The
/// tools compare models only; they never open this connection.
/// </summary>
public sealed class TaskWatchDbContextDesignFactory : IDesignTimeDbContextFactory<TaskWatchDbContext>
{
    public TaskWatchDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TaskWatchDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
