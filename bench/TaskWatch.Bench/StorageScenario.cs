using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using TaskWatch.Core;
using TaskWatch.Storage;

namespace TaskWatch.Bench;

/// <summary>
/// Scenario 2: a temp database made by the real migrations, filled with jobs and snapshots the way
/// the writer stores them (EF batches in one transaction each), then the dashboard's start-up load
/// and the history searches, each against the same query hand-written for the provider's ADO.NET
/// driver: first on SQLite, then the same on a PostgreSQL server of the bench's own, side by side.
/// </summary>
public sealed class StorageScenario(BenchSize size)
{
    private const int WriteChunk = 1_000; // the writer's MaxBatch

    // Enough runs for the tiered JIT to compile EF's and Microsoft.Data.Sqlite's paths at full
    // optimisation (30 calls and a quiet 100 ms), so the p95 is the steady state of both sides.
    private const int SearchWarmUp = 60;

    public async Task<ScenarioReport> RunAsync()
    {
        var report = new ScenarioReport($"2. Storage — {size.StorageJobs:#,0} jobs, {size.StorageSnapshots:#,0} snapshots, SQLite and PostgreSQL");
        await RunSqliteAsync(report);
        var (server, why) = await ScratchPostgreSqlServer.StartAsync();
        if (server is null)
        {
            report.Note("PostgreSQL was not measured: " + why + ".");
            return report;
        }

        await using (server)
        {
            await RunPostgreSqlAsync(report, server);
        }

        return report;
    }

    private async Task RunSqliteAsync(ScenarioReport report)
    {
        var folder = RepoPaths.TempFolder();
        try
        {
            var path = Path.Combine(folder, "storage.db");
            var connection = DatabaseInitializer.ConnectionString(path);
            var options = new DbContextOptionsBuilder<TaskWatchDbContext>()
                .UseSqlite(connection)
                .AddInterceptors(new SqlitePragmaInterceptor())
                .Options;
            var factory = new PooledDbContextFactory<TaskWatchDbContext>(options);
            await DatabaseInitializer.InitializeAsync(factory, CancellationToken.None);

            var now = DateTime.UtcNow;
            var jobIds = await FillJobsAsync(factory, now);
            await CheckpointAsync(connection);
            var sizeWithJobs = new FileInfo(path).Length;

            var writeRates = await FillSnapshotsAsync(factory, jobIds, now);
            await CheckpointAsync(connection);
            var bytesPerSnapshot = (new FileInfo(path).Length - sizeWithJobs) / (double)size.StorageSnapshots;

            report.Add(Figure.AtLeast($"bulk snapshot writes (JobStateWriter's prepared insert, {WriteChunk:#,0} per transaction; one figure per tenth of the fill)", "rows/s", writeRates, 20_000));
            report.Add(Figure.AtMost("database file per snapshot", "bytes", [bytesPerSnapshot], 200));

            await MeasureReadsAsync(report, string.Empty, factory, now, () => HandWrittenSql.LoadTrackedAsync(connection),
                (search, nameIndex) => HandWrittenSql.SearchAsync(connection, search, 0, 50, nameIndex), likeOnEveryJob: true);

            report.Note($"SQLite: the file is made by DatabaseInitializer.InitializeAsync (the real migrations, WAL). {size.TrackedJobs:#,0} of the jobs are tracked; every job carries a ~700-byte raw body. Snapshots are ten per job on average (state, progress, the name only when it changed), inserted through JobStateWriter's prepared SnapshotInsertCommand inside an EF transaction, {WriteChunk:#,0} per transaction as the writer does.");
            report.Note("Bytes per snapshot: growth of the file (after a WAL checkpoint) while the snapshots were written, divided by their number; indexes included.");
            report.Note($"Searches: a p95 over the runs of each of {size.SearchRepetitions} repetitions, the figure the median of those p95s; the ratio is the median of EF's p95s over the median of the hand-written ones; the hand-written SQL runs the same COUNT and the same first page through Microsoft.Data.Sqlite on the same file, alternating with EF. Both sides send the same SQL: instance-name searches of three characters or more narrow the rows through the FTS5 trigram index (JobNameSearch) and keep the LIKE on those rows for LIKE's exact result; job-name searches run the LIKE over the distinct job names (JobNames) and read the jobs that carry one of them; pages are read in list order from the indexes of JobListOrder. The LIKE on every job is the query before the name indexes, for comparison.");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            RepoPaths.DeleteQuietly(folder);
        }
    }

    /// <summary>The same fill and the same reads on the server's own database, beside SQLite's in the same report.</summary>
    private async Task RunPostgreSqlAsync(ScenarioReport report, ScratchPostgreSqlServer server)
    {
        var connection = server.Connection("taskwatch_bench");
        var factory = new PostgreSqlDbContextFactory(new PooledDbContextFactory<PostgreSqlTaskWatchDbContext>(
            new DbContextOptionsBuilder<PostgreSqlTaskWatchDbContext>().UseNpgsql(connection).Options));
        await DatabaseInitializer.InitializeAsync(factory, CancellationToken.None);
        await using var dataSource = NpgsqlDataSource.Create(connection);

        var now = DateTime.UtcNow;
        var jobIds = await FillJobsAsync(factory, now);
        var sizeWithJobs = await DatabaseBytesAsync(dataSource);
        var writeRates = await FillSnapshotsAsync(factory, jobIds, now);
        // The planner's statistics, as autovacuum would gather them on a server that has been running a while.
        await using (var analyze = dataSource.CreateCommand("ANALYZE"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        var bytesPerSnapshot = (await DatabaseBytesAsync(dataSource) - sizeWithJobs) / (double)size.StorageSnapshots;
        report.Add(Figure.Info($"PostgreSQL: bulk snapshot writes (the same prepared insert, {WriteChunk:#,0} per transaction; one figure per tenth of the fill)", "rows/s", writeRates));
        report.Add(Figure.Info("PostgreSQL: database growth per snapshot", "bytes", [bytesPerSnapshot]));

        await MeasureReadsAsync(report, "PostgreSQL: ", factory, now, () => HandWrittenSql.LoadTrackedPostgreSqlAsync(dataSource),
            (search, _) => HandWrittenSql.SearchPostgreSqlAsync(dataSource, search, 0, 50), likeOnEveryJob: false);

        report.Note("PostgreSQL: a server of the bench's own (Debian's binaries, a temp data directory, loopback, fsync on, shared_buffers 256 MB), migrated by DatabaseInitializer.InitializeAsync (migrations/PostgreSQL), filled with the same jobs and snapshots through the same code, ANALYZEd once after the fill. The hand-written SQL runs the statements JobQueries sends there through Npgsql: ILIKE on the instance name (answered by the pg_trgm index), ILIKE over the distinct job names, the page in list order. Bytes per snapshot: growth of pg_database_size while the snapshots were written.");
    }

    private async Task MeasureReadsAsync(
        ScenarioReport report,
        string prefix,
        IDbContextFactory<TaskWatchDbContext> factory,
        DateTime now,
        Func<Task<int>> loadByHand,
        Func<JobSearch, bool, Task<long>> searchByHand,
        bool likeOnEveryJob)
    {
        // The poller's start-up load (StoredScheduleLoader.LoadAsync) and its hand-written twin.
        var load = new List<double>();
        var loadSql = new List<double>();
        for (var rep = -1; rep < size.LoadRepetitions; rep++)
        {
            load.Add(await TimeAsync(async () =>
            {
                await using var db = await factory.CreateDbContextAsync();
                var rows = await TaskWatch.Tracking.StoredScheduleLoader.TrackedRows(db).ToListAsync();
                return rows.Count;
            }));
            loadSql.Add(await TimeAsync(loadByHand));
            if (rep < 0)
            {
                // The first round warms up (query compilation, page cache) and is not counted.
                load.Clear();
                loadSql.Clear();
            }
        }

        var loadFigure = Figure.AtMost($"{prefix}load of all {size.TrackedJobs:#,0} tracked jobs (StoredScheduleLoader.LoadAsync's query)", "ms", load, 150);
        report.Add(prefix.Length == 0 ? loadFigure.AsHeadline("load of tracked jobs") : loadFigure);
        report.Add(Figure.Info($"{prefix}the same load, hand-written SQL", "ms", loadSql));

        var queries = new JobQueries(factory);
        var searches = new (string Name, JobSearch Search)[]
        {
            ("instance name", new JobSearch { InstanceName = "inst-0421" }),
            ("job name", new JobSearch { JobName = "Replica" }),
            ("time range with status", new JobSearch { CreatedFromUtc = now.AddDays(-3), CreatedToUtc = now.AddDays(-2), State = JobState.Failed }),
            ("project", new JobSearch { Project = "proj-3" }),
        };
        foreach (var (name, search) in searches)
        {
            var byName = likeOnEveryJob && (search.InstanceName is not null || search.JobName is not null);
            // Untimed runs first: query compilation, the pool's connections and the page cache are not what is measured.
            var total = (await queries.SearchAsync(search, 0, 50, CancellationToken.None)).Total;
            if (total != await searchByHand(search, true) || (byName && total != await searchByHand(search, false)))
            {
                throw new InvalidOperationException($"{prefix}search by {name}: EF and hand-written SQL disagree on the count");
            }

            for (var i = 0; i < SearchWarmUp; i++)
            {
                await queries.SearchAsync(search, 0, 50, CancellationToken.None);
                await searchByHand(search, true);
            }

            await Task.Delay(500);

            // A p95 per repetition of SearchRuns searches: min / median / max over the repetitions.
            var p95s = new List<double>();
            var sqlP95s = new List<double>();
            var scan = new List<double>();
            for (var rep = 0; rep < size.SearchRepetitions; rep++)
            {
                var ef = new List<double>();
                var sql = new List<double>();
                for (var i = 0; i < size.SearchRuns; i++)
                {
                    ef.Add(await TimeAsync(async () => (await queries.SearchAsync(search, 0, 50, CancellationToken.None)).Total));
                    sql.Add(await TimeAsync(() => searchByHand(search, true)));
                    if (byName && rep == 0)
                    {
                        scan.Add(await TimeAsync(() => searchByHand(search, false)));
                    }
                }

                p95s.Add(Samples.Percentile(ef, 95));
                sqlP95s.Add(Samples.Percentile(sql, 95));
            }

            report.Add(Figure.AtMost($"{prefix}search by {name} ({total:#,0} matches): JobQueries.SearchAsync, p95 of {size.SearchRuns} (count + first page of 50)", "ms", p95s, 50));
            report.Add(Figure.Info($"{prefix}search by {name}: hand-written SQL, p95 of {size.SearchRuns}", "ms", sqlP95s));
            var ratio = Figure.RatioAtMost($"{prefix}search by {name}: p95 ÷ hand-written SQL p95 (median ÷ median over the repetitions)", p95s, sqlP95s, 2);
            report.Add(name == "job name" && prefix.Length == 0 ? ratio.AsHeadline("job-name search ÷ SQL") : ratio);
            if (byName)
            {
                report.Add(Figure.Info($"{prefix}search by {name}: hand-written LIKE on every job, matches sorted (the query before the name indexes), p95 of {size.SearchRuns}", "ms", [Samples.Percentile(scan, 95)]));
            }
        }
    }

    private static async Task<long> DatabaseBytesAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("CHECKPOINT; SELECT pg_database_size(current_database())");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<long>> FillJobsAsync(IDbContextFactory<TaskWatchDbContext> factory, DateTime now)
    {
        var random = new Random(11);
        var raw = "{\"job\":{\"id\":\"" + Guid.Empty + "\",\"name\":\"CreateMysqlSingleHAInstance\",\"status\":\"Running\",\"created\":\"2026-11-23T10:00:00+0000\",\"process\":\"40%\",\"instance\":{\"id\":\"" + new string('a', 36) + "\",\"name\":\"rds-eu-de-123\"},\"entities\":{\"instance\":{\"endpoint\":\"192.168.0.1:3306\",\"type\":\"Ha\",\"datastore\":{\"type\":\"MySQL\",\"version\":\"8.0\"}}}" + new string(' ', 300) + "}}";
        var names = new[] { "CreateMysqlSingleHAInstance", " CreateMysqlReplicaInstance", "MysqlBindEIP", "ResizeFlavor_Volume", "Create_MongoDB", "Restart_MongoDB_Node" };
        var ids = new List<long>(size.StorageJobs);
        for (var start = 0; start < size.StorageJobs; start += 5_000)
        {
            await using var db = await factory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var rows = new List<TrackedJob>();
            for (var i = start; i < Math.Min(size.StorageJobs, start + 5_000); i++)
            {
                var created = now.AddMinutes(-random.Next(0, 60 * 24 * 30));
                var state = (JobState)random.Next((int)JobState.Running, (int)JobState.Failed + 1);
                rows.Add(new TrackedJob
                {
                    Project = "proj-" + (i % 8),
                    JobId = Guid.NewGuid().ToString(),
                    Service = i % 2 == 0 ? CloudService.Rds : CloudService.Dds,
                    RegisteredUtc = created,
                    IsTracking = i < size.TrackedJobs,
                    Name = names[i % names.Length],
                    State = state,
                    StatusWord = state.ToString(),
                    Progress = random.Next(0, 100),
                    CreatedUtc = created,
                    InstanceId = Guid.NewGuid().ToString("N") + "in01",
                    InstanceName = $"inst-{i % 20_000:00000}",
                    RawJson = raw,
                    Phase = PollPhase.Active,
                    LastReadUtc = now,
                    NextPollUtc = now,
                });
            }

            db.TrackedJobs.AddRange(rows);
            await db.SaveChangesAsync();
            ids.AddRange(rows.Select(r => r.Id));
        }

        return ids;
    }

    private async Task<List<double>> FillSnapshotsAsync(IDbContextFactory<TaskWatchDbContext> factory, List<long> jobIds, DateTime now)
    {
        var rates = new List<double>();
        var tenth = Math.Max(WriteChunk, size.StorageSnapshots / 10);
        var random = new Random(5);
        var written = 0;
        while (written < size.StorageSnapshots)
        {
            var part = Math.Min(tenth, size.StorageSnapshots - written);
            var clock = Stopwatch.StartNew();
            for (var done = 0; done < part; done += WriteChunk)
            {
                await using var db = await factory.CreateDbContextAsync();
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                await using var tx = await db.Database.BeginTransactionAsync();
                using var insert = new SnapshotInsertCommand(db.Database.GetDbConnection(), tx.GetDbTransaction());
                for (var i = 0; i < Math.Min(WriteChunk, part - done); i++)
                {
                    var n = written + done + i;
                    insert.Insert(new JobSnapshot
                    {
                        TrackedJobId = jobIds[n % jobIds.Count],
                        ObservedUtc = now.AddSeconds(-(size.StorageSnapshots - n)),
                        State = JobState.Running,
                        StatusWord = "Running",
                        Progress = (n / jobIds.Count) * 10,
                        Name = n < jobIds.Count ? "CreateMysqlSingleHAInstance" : null,
                    });
                }

                await tx.CommitAsync();
            }

            rates.Add(part / clock.Elapsed.TotalSeconds);
            written += part;
            _ = random;
        }

        return rates;
    }

    private static async Task CheckpointAsync(string connection)
    {
        await using var c = new SqliteConnection(connection);
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<double> TimeAsync<T>(Func<Task<T>> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed.TotalMilliseconds;
    }
}
