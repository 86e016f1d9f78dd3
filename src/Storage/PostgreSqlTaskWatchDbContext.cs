using Microsoft.EntityFrameworkCore;

namespace TaskWatch.Storage;

/// <summary>
/// The same model on PostgreSQL. A type of its own only so that EF Core keeps its migrations
/// (<c>migrations/PostgreSQL</c>, attributed to this type) apart from SQLite's; everything else reads
/// it as a <see cref="TaskWatchDbContext"/> (<see cref="PostgreSqlDbContextFactory"/>).
/// </summary>
public sealed class PostgreSqlTaskWatchDbContext(DbContextOptions<PostgreSqlTaskWatchDbContext> options) : TaskWatchDbContext(options);
