using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TaskWatch.Storage;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Storage;

/// <summary>
/// Every connection a page or the writer gets waits on a lock instead of failing, checks foreign keys
/// and syncs as WAL allows: whether it is a new native connection or one the pool hands out again.
/// </summary>
public sealed class SqlitePragmaInterceptorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task NewAndReusedPooledConnections_AllCarryTheSettings()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new DbContextOptionsBuilder<TaskWatchDbContext>()
            .UseSqlite(DatabaseInitializer.ConnectionString(Path.Combine(_folder.Path, "pragmas.db")))
            .AddInterceptors(new SqlitePragmaInterceptor())
            .Options;

        var handles = new HashSet<object>();
        for (var round = 0; round < 3; round++)
        {
            // Two at once: the second needs a native connection of its own, later rounds reuse both.
            await using var first = new TaskWatchDbContext(options);
            await using var second = new TaskWatchDbContext(options);
            foreach (var db in new[] { first, second })
            {
                await db.Database.OpenConnectionAsync(ct);
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                handles.Add(connection.Handle!);
                Assert.Equal(5000L, await PragmaAsync(connection, "busy_timeout", ct));
                Assert.Equal(1L, await PragmaAsync(connection, "foreign_keys", ct));
                Assert.Equal(1L, await PragmaAsync(connection, "synchronous", ct)); // NORMAL
            }
        }

        Assert.Equal(2, handles.Count); // the pool did hand the same native connections out again
    }

    private static async Task<long> PragmaAsync(SqliteConnection connection, string name, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
