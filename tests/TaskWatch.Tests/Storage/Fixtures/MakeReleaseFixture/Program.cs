#if MAKE_RELEASE_FIXTURE
// Makes the upgrade-test fixture release-a25553f.db and its manifest with the storage code of
// release a25553f: the database is created by DatabaseInitializer (its migrations), the rows are
// written through its EF entities, and the manifest's search answers come from its JobQueries.
// Only this project defines MAKE_RELEASE_FIXTURE: in the test project's glob this file is empty.
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using TaskWatch.Cloud;
using TaskWatch.Core;
using TaskWatch.Storage;

namespace MakeReleaseFixture;

internal static class Program
{
    private const string Commit = "a25553f";
    internal const int Seed = 20261120;
    private static readonly DateTime Base = new(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static async Task<int> Main(string[] args)
    {
        var outDir = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "fixture-out"));
        Directory.CreateDirectory(outDir);
        var work = Path.Combine(Path.GetTempPath(), $"mrf-work-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        var workDb = Path.Combine(work, $"release-{Commit}.db");

        // 1. Create, fill and query the database as the release runs it (WAL, pooled factory, interceptor).
        var factory = Factory(workDb);
        await DatabaseInitializer.InitializeAsync(factory, CancellationToken.None);
        var data = Data.Make();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.TrackedJobs.AddRange(data.Jobs);
            db.AlertDeliveries.AddRange(data.Deliveries);
            await db.SaveChangesAsync();
        }

        var searches = await RunSearchesAsync(factory);
        var details = await DetailsAsync(factory);
        var migrations = await MigrationsAsync(factory);

        // 2. Close every connection, fold the WAL into the file and leave WAL mode: the .db alone is complete.
        SqliteConnection.ClearAllPools();
        var check = Standalone(workDb);
        if (check != "ok")
        {
            Console.Error.WriteLine("integrity_check: " + check);
            return 1;
        }

        var counts = Counts(workDb);
        foreach (var side in new[] { "-wal", "-shm", "-journal" })
        {
            if (File.Exists(workDb + side) && new FileInfo(workDb + side).Length > 0)
            {
                Console.Error.WriteLine($"unexpected {side} left with content");
                return 1;
            }
        }

        // 3. Copy the .db alone and ask the same questions of the copy: the answers must not change.
        var outDb = Path.Combine(outDir, $"release-{Commit}.db");
        File.Copy(workDb, outDb, overwrite: true);
        var verifyDb = Path.Combine(work, "verify", Path.GetFileName(outDb));
        Directory.CreateDirectory(Path.GetDirectoryName(verifyDb)!);
        File.Copy(outDb, verifyDb, overwrite: true);
        var verifyFactory = Factory(verifyDb);
        var again = await RunSearchesAsync(verifyFactory);
        var detailsAgain = await DetailsAsync(verifyFactory);
        SqliteConnection.ClearAllPools();
        var countsAgain = Counts(verifyDb);
        if (JsonSerializer.Serialize(again, Json) != JsonSerializer.Serialize(searches, Json)
            || JsonSerializer.Serialize(detailsAgain, Json) != JsonSerializer.Serialize(details, Json)
            || JsonSerializer.Serialize(countsAgain, Json) != JsonSerializer.Serialize(counts, Json))
        {
            Console.Error.WriteLine("the copied .db answers differently from the one it was made as");
            return 1;
        }

        var manifest = new JsonObject
        {
            ["fixture"] = Path.GetFileName(outDb),
            ["commit"] = Commit,
            ["generator"] = "tests/TaskWatch.Tests/Storage/Fixtures/MakeReleaseFixture",
            ["seed"] = Seed,
            ["baseTimeUtc"] = Base,
            ["journalMode"] = Query(outDb, "PRAGMA journal_mode;"),
            ["efProductVersion"] = Query(outDb, """SELECT group_concat(DISTINCT "ProductVersion") FROM "__EFMigrationsHistory";"""),
            ["migrations"] = new JsonArray([.. migrations.Select(m => (JsonNode)m!)]),
            ["counts"] = JsonSerializer.SerializeToNode(counts, Json),
            ["jobsByState"] = JsonSerializer.SerializeToNode(data.Jobs.GroupBy(j => j.State?.ToString() ?? "null").OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()), Json),
            ["jobsByPhase"] = JsonSerializer.SerializeToNode(data.Jobs.GroupBy(j => j.Phase.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()), Json),
            ["jobsByProject"] = JsonSerializer.SerializeToNode(data.Jobs.GroupBy(j => j.Project).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new { service = g.First().Service.ToString(), jobs = g.Count() }), Json),
            ["deliveriesByStatus"] = JsonSerializer.SerializeToNode(data.Deliveries.GroupBy(d => d.Status.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()), Json),
            ["searches"] = JsonSerializer.SerializeToNode(searches, Json),
            ["details"] = JsonSerializer.SerializeToNode(details, Json),
        };
        var manifestPath = Path.Combine(outDir, $"release-{Commit}.manifest.json");
        await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString(Json) + "\n");
        Directory.Delete(work, recursive: true);

        Console.WriteLine($"{outDb}: {new FileInfo(outDb).Length} bytes, {JsonSerializer.Serialize(counts)}");
        Console.WriteLine(manifestPath);
        return 0;
    }

    /// <summary>The release's context factory (src/Hosting/TaskWatchServices.cs), without the host.</summary>
    private static PooledDbContextFactory<TaskWatchDbContext> Factory(string path)
    {
        var options = new DbContextOptionsBuilder<TaskWatchDbContext>()
            .UseSqlite(DatabaseInitializer.ConnectionString(path))
            .AddInterceptors(new SqlitePragmaInterceptor())
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options;
        return new PooledDbContextFactory<TaskWatchDbContext>(options);
    }

    private static List<(string Name, JobSearch Search, int Offset, int Limit)> Searches()
    {
        var p = Data.Projects;
        return
        [
            ("all, first page", new JobSearch(), 0, 25),
            ("all, second page", new JobSearch(), 25, 25),
            ("all, third page", new JobSearch(), 50, 25),
            ("project, page 1", new JobSearch { Project = p[0].Name }, 0, 6),
            ("project, page 2", new JobSearch { Project = p[0].Name }, 6, 6),
            ("project in another case (NOCASE)", new JobSearch { Project = p[2].Name.ToUpperInvariant() }, 0, 50),
            ("service Dds", new JobSearch { Service = CloudService.Dds }, 0, 50),
            ("state Failed", new JobSearch { State = JobState.Failed }, 0, 50),
            ("state Unknown", new JobSearch { State = JobState.Unknown }, 0, 50),
            ("state Running, tracked, paged", new JobSearch { State = JobState.Running, Tracking = true }, 2, 4),
            ("text mysql (substring of name, instance, ids)", new JobSearch { Text = "mysql" }, 0, 50),
            ("text with a literal underscore", new JobSearch { Text = "_Mongo" }, 0, 50),
            ("text matching a job id prefix", new JobSearch { Text = "0c5a" }, 0, 50),
            ("instance name >= 3 chars (trigram index)", new JobSearch { InstanceName = "orders-mysql" }, 0, 50),
            ("instance name >= 3 chars, other case", new JobSearch { InstanceName = "ORDERS" }, 0, 50),
            ("instance name, non-ASCII", new JobSearch { InstanceName = "zähl" }, 0, 50),
            ("instance name, non-ASCII other case", new JobSearch { InstanceName = "ZÄHL" }, 0, 50),
            ("instance name < 3 chars (LIKE only)", new JobSearch { InstanceName = "02" }, 0, 50),
            ("instance name, 2 CJK code points (LIKE only)", new JobSearch { InstanceName = "报表" }, 0, 50),
            ("instance name, 3 code points (trigram)", new JobSearch { InstanceName = "报表-" }, 0, 50),
            ("instance name with spaces around", new JobSearch { InstanceName = "  shard  " }, 0, 50),
            ("job name", new JobSearch { JobName = "MongoDB" }, 0, 50),
            ("job name matching a leading-space name", new JobSearch { JobName = "CreateMysqlReplica" }, 0, 50),
            ("created range", new JobSearch { CreatedFromUtc = Base.AddHours(-72), CreatedToUtc = Base.AddHours(-24) }, 0, 50),
            ("tracking false (stopped)", new JobSearch { Tracking = false }, 0, 50),
            ("tracking true", new JobSearch { Tracking = true }, 0, 50),
            ("tracking null (history)", new JobSearch { Tracking = null }, 0, 100),
            ("combined: project, state, created from", new JobSearch { Project = p[3].Name, State = JobState.Completed, CreatedFromUtc = Base.AddHours(-120) }, 0, 50),
            ("no match", new JobSearch { Text = "no-such-thing" }, 0, 50),
        ];
    }

    private static async Task<List<SearchRecord>> RunSearchesAsync(IDbContextFactory<TaskWatchDbContext> factory)
    {
        var queries = new JobQueries(factory);
        var list = new List<SearchRecord>();
        foreach (var (name, search, offset, limit) in Searches())
        {
            var page = await queries.SearchAsync(search, offset, limit, CancellationToken.None);
            list.Add(new SearchRecord(name, SearchParameters.Of(search), offset, limit, page.Total, [.. page.Jobs.Select(j => j.Project + "/" + j.JobId)]));
        }

        return list;
    }

    private static async Task<List<DetailRecord>> DetailsAsync(IDbContextFactory<TaskWatchDbContext> factory)
    {
        var queries = new JobQueries(factory);
        var list = new List<DetailRecord>();
        foreach (var (project, jobId) in Data.DetailKeys)
        {
            var detail = await queries.GetDetailAsync(project, jobId, CancellationToken.None)
                ?? throw new InvalidOperationException($"{project}/{jobId} not found");
            list.Add(new DetailRecord(project, jobId, detail.Job.State?.ToString(), detail.Job.Phase.ToString(), detail.Job.IsTracking, detail.Snapshots.Count,
                [.. detail.Snapshots.Select(s => s.State.ToString())], [.. detail.Snapshots.Select(s => s.Progress)], [.. detail.Snapshots.Select(s => s.ObservedUtc)]));
        }

        return list;
    }

    private static async Task<List<string>> MigrationsAsync(IDbContextFactory<TaskWatchDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        return [.. await db.Database.GetAppliedMigrationsAsync()];
    }

    /// <summary>Checkpoints the WAL into the file, leaves WAL mode and checks the file; returns integrity_check.</summary>
    private static string Standalone(string path)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        c.Open();
        Exec(c, "PRAGMA wal_checkpoint(TRUNCATE);");
        var mode = Scalar(c, "PRAGMA journal_mode=DELETE;");
        if (!string.Equals(mode, "delete", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("journal_mode is " + mode);
        }

        // Rewrites the file without the free-space leftovers (EF's migration lock row): the same bytes on every run.
        Exec(c, "VACUUM;");
        Exec(c, """INSERT INTO "JobNameSearch"("JobNameSearch") VALUES ('integrity-check');""");
        return Scalar(c, "PRAGMA integrity_check;") ?? "null";
    }

    private static string? Query(string path, string sql)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        c.Open();
        return Scalar(c, sql);
    }

    private static SortedDictionary<string, long> Counts(string path)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        c.Open();
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in new[] { "TrackedJobs", "JobSnapshots", "AlertDeliveries", "JobNames" })
        {
            counts[table] = long.Parse(Scalar(c, $"""SELECT COUNT(*) FROM "{table}";""")!, CultureInfo.InvariantCulture);
        }

        return counts;
    }

    private static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static string? Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}

internal sealed record SearchParameters(string? Project, string? Service, string? State, string? Text, string? InstanceName, string? JobName, DateTime? CreatedFromUtc, DateTime? CreatedToUtc, bool? Tracking)
{
    public static SearchParameters Of(JobSearch s) =>
        new(s.Project, s.Service?.ToString(), s.State?.ToString(), s.Text, s.InstanceName, s.JobName, s.CreatedFromUtc, s.CreatedToUtc, s.Tracking);
}

internal sealed record SearchRecord(string Name, SearchParameters Search, int Offset, int Limit, int Total, List<string> Jobs);

internal sealed record DetailRecord(string Project, string JobId, string? State, string Phase, bool IsTracking, int SnapshotCount, List<string> SnapshotStates, List<int?> SnapshotProgress, List<DateTime> SnapshotObservedUtc);

/// <summary>The rows: fixed seed, fixed base time, every enum value, the documented quirks.</summary>
internal static class Data
{
    public static readonly (string Name, CloudService Service)[] Projects =
    [
        ("eu-de_orders", CloudService.Rds),
        ("eu-nl_billing", CloudService.Rds),
        ("eu-de_catalog", CloudService.Dds),
        ("ap-southeast-3_reports", CloudService.Dds),
    ];

    public static List<(string Project, string JobId)> DetailKeys { get; } = [];

    private static readonly DateTime Base = new(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);

    private static readonly string[] RdsNames = ["CreateMysqlSingleHAInstance", " CreateMysqlReplicaInstance", "MysqlBindEIP", "RestartInstance", "ResizeFlavor", "EnlargeVolume", "RestoreMysqlInstance"];

    private static readonly string[] DdsNames = ["Create_MongoDB", "Restore_MongoDB_Replica", "Resize_Volume", "Restart_Instance", "Modify_Port"];

    // Shared substrings on purpose: "orders", "mysql", "-prod-0", "shard", "zähl" each match several rows.
    private static readonly string[] RdsInstanceNames =
    [
        "orders-mysql-prod-01", "orders-mysql-prod-02", "orders-mysql-staging", "billing-mysql-prod-01", "billing-mysql-prod-02",
        "DO-NOT-TOUCH-mgr2-mysql-single", "mysql-replica", "zählwerk-mysql",
    ];

    private static readonly string[] DdsInstanceNames =
    [
        "dds-orders-shard-01", "dds-orders-shard-02", "dds-5ff4-sh", "lenn-v3-restore-4", "catalog-mongo-replica",
        "Zählerstand-mongo", "报表-mongo-02", "orders-mongo-archive",
    ];

    private static readonly string LongReason = string.Concat(Enumerable.Range(1, 18).Select(i =>
        $"[{i:00}] com.huawei.rds.workflow.TaskExecutor: step 'createVM' failed on node az{1 + (i % 3)}: ResourceExhausted (flavor rds.mysql.x1.large.4 sold out in eu-de-0{1 + (i % 2)}); retrying with backoff {i * 5}s. "));

    private static readonly string[] FailReasons =
    [
        "createVM failed.",
        "Failed to upgrade the DB Agent.",
        LongReason,
        "Échec de la restauration : espace disque insuffisant — 磁盘空间不足 (Datenträger voll) ☁️🚫",
        "<script>alert('fail_reason')</script> & <b>bold</b> \"quoted\" 'single'",
        "Insufficient quota: instances (used 50 of 50).",
    ];

    public static (List<TrackedJob> Jobs, List<AlertDelivery> Deliveries) Make()
    {
        var rnd = new Random(Program.Seed);
        var jobs = new List<TrackedJob>();
        long snapshotId = 0;
        // The rows' kinds, in a fixed rotation over 60 jobs: (state, phase, tracking).
        (JobState? State, PollPhase Phase, bool Tracking)[] kinds =
        [
            (JobState.Running, PollPhase.Active, true),
            (JobState.Completed, PollPhase.Done, true),
            (JobState.Failed, PollPhase.Done, true),
            (null, PollPhase.New, true),
            (JobState.Running, PollPhase.Active, true),
            (JobState.Completed, PollPhase.Confirming, true),
            (JobState.Unknown, PollPhase.Active, true),
            (null, PollPhase.Pending, true),
            (JobState.Failed, PollPhase.Confirming, true),
            (JobState.Completed, PollPhase.Done, true),
            (null, PollPhase.NotFound, true),
            (JobState.Running, PollPhase.Stopped, false),
            (JobState.Completed, PollPhase.Done, true),
            (JobState.Failed, PollPhase.Done, true),
            (null, PollPhase.Stopped, false),
            (JobState.Unknown, PollPhase.Stopped, false),
            (JobState.Completed, PollPhase.NotFound, true),
            (JobState.Running, PollPhase.Active, true),
            (JobState.Failed, PollPhase.Stopped, false),
            (JobState.Completed, PollPhase.Done, true),
        ];
        var failIndex = 0;
        for (var i = 0; i < 60; i++)
        {
            var (projectName, service) = Projects[i % 4];
            var kind = kinds[i % kinds.Length];
            var state = kind.State;
            var rds = service == CloudService.Rds;
            var names = rds ? RdsNames : DdsNames;
            var rawName = names[(i / 4 + i % 3) % names.Length];
            var jobId = i % 3 == 2 ? Hex(rnd, 32) : Uuid(rnd);
            if (i == 7)
            {
                jobId = "0c5a" + jobId[4..]; // the text search on a job id prefix finds this one
            }

            var instancePool = rds ? RdsInstanceNames : DdsInstanceNames;
            var instanceName = instancePool[(i / 4 * 3 + i % 4) % instancePool.Length];
            var instanceId = Hex(rnd, 32) + (rds ? "in01" : "in02");
            // Jobs still being read started minutes ago; the rest between 3 hours and 10 days ago.
            var live = kind.Tracking && kind.Phase is PollPhase.Active or PollPhase.Confirming;
            var created = (live ? Base.AddMinutes(-rnd.Next(10, 180)) : Base.AddMinutes(-rnd.Next(180, 240 * 60))).AddSeconds(-rnd.Next(0, 60));
            var registered = created.AddSeconds(rnd.Next(1, 20));
            var source = (RegistrationSource)(i % 5);
            var job = new TrackedJob
            {
                Id = i + 1,
                Project = projectName,
                JobId = jobId,
                Service = service,
                Source = source,
                RegisteredUtc = registered,
                IsTracking = kind.Tracking,
                Phase = kind.Phase,
                State = state,
            };
            jobs.Add(job);

            if (state is null)
            {
                // Never read: only what the registration knew. Registered within the last hour.
                job.RegisteredUtc = Base.AddMinutes(-rnd.Next(1, 60));
                job.LastPolledUtc = kind.Phase == PollPhase.New ? null : job.RegisteredUtc.AddSeconds(5);
                job.NextPollUtc = kind.Phase switch
                {
                    PollPhase.New => Base.AddSeconds(2),
                    PollPhase.Pending => Base.AddSeconds(10),
                    PollPhase.NotFound => Base.AddMinutes(15),
                    _ => null,
                };
                if (kind.Phase is PollPhase.Pending or PollPhase.NotFound)
                {
                    job.LastErrorOutcome = ReadOutcome.NotFound;
                    job.LastError = "DBS.200543: The job does not exist.";
                    job.ErrorSinceUtc = job.RegisteredUtc.AddSeconds(5);
                    job.ConsecutiveErrors = kind.Phase == PollPhase.NotFound ? 14 : 2;
                }

                if (!kind.Tracking)
                {
                    job.StoppedUtc = job.RegisteredUtc.AddMinutes(3);
                }

                continue;
            }

            // Read at least once: the cloud's body and 2–6 snapshots in ascending time.
            var snapshotCount = 2 + rnd.Next(0, 5);
            var ended = state is JobState.Completed or JobState.Failed ? Min(created.AddMinutes(rnd.Next(2, 50)), Base.AddSeconds(-rnd.Next(20, 60))) : (DateTime?)null;
            int? progress = state is JobState.Running or JobState.Unknown ? rnd.Next(5, 96) : null;
            string? statusWord = state == JobState.Unknown ? (i % 2 == 0 ? "Pending" : "Suspended") : null;
            string? failReason = state == JobState.Failed ? FailReasons[failIndex++ % FailReasons.Length] : null;
            var entities = rds ? Entities(rawName, instanceId, i) : null;
            var status = statusWord ?? state.ToString()!;
            var raw = RawBody(service, jobId, rawName, status, created, ended, progress, instanceId, instanceName, entities, failReason);

            job.Name = i % 10 == 1 && rawName.StartsWith(' ') ? rawName : rawName.Trim();
            job.StatusWord = statusWord;
            job.Progress = progress;
            job.CreatedUtc = created;
            job.CreatedText = Stamp(created);
            job.EndedUtc = ended ?? (rds ? null : created.AddSeconds(10)); // DDS sends ended while running too
            job.EndedText = job.EndedUtc is { } e ? Stamp(e) : null;
            job.InstanceId = instanceId;
            job.InstanceName = instanceName;
            job.FailReason = failReason;
            job.EntitiesJson = entities?.ToJsonString();
            job.RawJson = raw;

            var first = created.AddSeconds(rnd.Next(3, 15));
            var last = ended ?? (kind.Tracking ? Base.AddSeconds(-rnd.Next(5, 120)) : created.AddMinutes(rnd.Next(5, 60)));
            if (last <= first)
            {
                last = first.AddSeconds(30);
            }

            var step = (long)(last - first).TotalSeconds / Math.Max(1, snapshotCount - 1); // whole seconds
            var runningProgress = 0;
            for (var s = 0; s < snapshotCount; s++)
            {
                var lastOne = s == snapshotCount - 1;
                // Rising to the job's own figure (or towards 100 for a finished one).
                runningProgress = lastOne ? progress ?? 100 : Math.Max(runningProgress, (int)((progress ?? 95) * (s + 1L) / snapshotCount) - rnd.Next(0, 3));
                var snapshotState = lastOne ? state.Value : (state == JobState.Unknown && s == snapshotCount - 2 ? JobState.Unknown : JobState.Running);
                job.Snapshots.Add(new JobSnapshot
                {
                    Id = ++snapshotId,
                    ObservedUtc = lastOne ? last : first.AddSeconds(step * s),
                    State = snapshotState,
                    StatusWord = snapshotState == JobState.Unknown ? statusWord : null,
                    Progress = lastOne && state is JobState.Completed or JobState.Failed ? null : runningProgress,
                    Name = s == 0 ? job.Name : null,
                    EndedUtc = s == 0 && !rds ? created.AddSeconds(10) : lastOne ? ended : null,
                    FailReason = lastOne ? failReason : null,
                    EntitiesJson = s == 0 ? job.EntitiesJson : null,
                });
            }

            var lastSnapshot = job.Snapshots[^1].ObservedUtc;
            job.LastReadUtc = kind.Phase switch
            {
                PollPhase.Active or PollPhase.Confirming => Max(lastSnapshot, Base.AddSeconds(-rnd.Next(1, 10))),
                PollPhase.Done => lastSnapshot.AddSeconds(10), // the confirming read
                _ => lastSnapshot,
            };
            job.LastPolledUtc = kind.Phase == PollPhase.NotFound ? Base.AddMinutes(-4) : job.LastReadUtc;
            job.LastChangeUtc = lastSnapshot;
            job.NextPollUtc = kind.Phase switch
            {
                PollPhase.Active => Base.AddSeconds(rnd.Next(2, 20)),
                PollPhase.Confirming => Base.AddSeconds(5),
                PollPhase.NotFound => Base.AddMinutes(11),
                _ => null,
            };
            if (!kind.Tracking)
            {
                job.StoppedUtc = lastSnapshot.AddMinutes(rnd.Next(1, 90));
            }

            if (kind.Phase == PollPhase.NotFound)
            {
                // Forgotten by the cloud after it was read (older than the window).
                job.LastErrorOutcome = ReadOutcome.NotFound;
                job.LastError = "DBS.200543: The job does not exist.";
                job.ErrorSinceUtc = lastSnapshot.AddSeconds(10);
                job.ConsecutiveErrors = 6;
            }
            else if (kind.Phase == PollPhase.Active && i % 3 == 0)
            {
                (job.LastErrorOutcome, job.LastError) = (i % 2) switch
                {
                    0 => (ReadOutcome.Throttled, "HTTP 429 DBS.280443: APIs are frequently called by the same tenant. Retry-After 30 s."),
                    _ => (ReadOutcome.Timeout, "no answer in 10 s"),
                };
                job.ErrorSinceUtc = Base.AddSeconds(-rnd.Next(20, 120));
                job.ConsecutiveErrors = 1 + (i % 4);
            }
            else if (kind.Phase == PollPhase.Active && i % 5 == 2)
            {
                job.LastErrorOutcome = ReadOutcome.Unauthorized;
                job.LastError = "HTTP 401 APIGW.0307: The token must be updated.";
                job.ErrorSinceUtc = Base.AddSeconds(-45);
                job.ConsecutiveErrors = 1;
            }
        }

        var failed = jobs.First(j => j.State == JobState.Failed && j.Snapshots.Count >= 4);
        var stopped = jobs.First(j => !j.IsTracking && j.State is not null);
        DetailKeys.Clear();
        DetailKeys.Add((failed.Project, failed.JobId));
        DetailKeys.Add((stopped.Project, stopped.JobId));
        return (jobs, Deliveries(jobs));
    }

    private static List<AlertDelivery> Deliveries(List<TrackedJob> jobs)
    {
        var list = new List<AlertDelivery>();
        string[] channels = ["ops-teams", "dba-email", "pager-high"];
        var n = 0;
        foreach (var job in jobs)
        {
            string? e = job switch
            {
                { State: JobState.Failed } => "Failed",
                { State: JobState.Completed, Phase: PollPhase.NotFound } => "NotFound",
                { State: null, Phase: PollPhase.NotFound } => "NotFound",
                { State: JobState.Running, Phase: PollPhase.Active, ConsecutiveErrors: > 0 } => "Overdue",
                { State: JobState.Completed, Project: "eu-de_orders" or "ap-southeast-3_reports" } => "Completed",
                _ => null,
            };
            if (e is null)
            {
                continue;
            }

            var occurred = e switch
            {
                "Failed" or "Completed" => job.Snapshots[^1].ObservedUtc.AddSeconds(2),
                "NotFound" => job.ErrorSinceUtc!.Value.AddMinutes(10),
                _ => Base.AddMinutes(-20),
            };
            // Failures go to two channels: one rule each.
            var targets = e == "Failed" ? new[] { (channels[0], "failures-to-ops"), (channels[2], "prod-failures-page") }
                : e == "Completed" ? new[] { (channels[1], "completions-to-dba") }
                : e == "Overdue" ? new[] { (channels[2], "overdue-30m") }
                : new[] { (channels[0], "lost-jobs") };
            foreach (var (channel, rule) in targets)
            {
                var status = (AlertDeliveryStatus)(n++ % 3);
                var row = new AlertDelivery
                {
                    Id = n,
                    Project = job.Project,
                    JobId = job.JobId,
                    Event = e,
                    Channel = channel,
                    Rule = rule,
                    JobName = job.Name?.Trim(),
                    Status = status,
                    CreatedUtc = occurred,
                };
                switch (status)
                {
                    case AlertDeliveryStatus.Delivered:
                        row.Attempts = 1 + (n % 2);
                        row.LastAttemptUtc = occurred.AddSeconds(row.Attempts * 2);
                        row.DeliveredUtc = row.LastAttemptUtc;
                        row.LastError = row.Attempts > 1 ? "HTTP 502" : null;
                        break;
                    case AlertDeliveryStatus.Failed:
                        row.Attempts = 3;
                        row.LastAttemptUtc = occurred.AddSeconds(31);
                        row.LastError = n % 2 == 0 ? "HTTP 500" : "no answer in 10 s";
                        break;
                    default:
                        row.Attempts = n % 2; // claimed; the app stopped while sending, or before the first try
                        row.LastAttemptUtc = row.Attempts > 0 ? occurred.AddSeconds(1) : null;
                        break;
                }

                list.Add(row);
            }
        }

        return list;
    }

    private static JsonObject Entities(string name, string instanceId, int i) => name.Trim() switch
    {
        "CreateMysqlSingleHAInstance" or "CreateMysqlReplicaInstance" or "RestoreMysqlInstance" => new JsonObject
        {
            ["instance"] = new JsonObject
            {
                ["endpoint"] = $"192.168.{1 + (i % 4)}.{200 + i}:3306",
                ["type"] = name.Contains("Replica", StringComparison.Ordinal) ? "replica" : "Single",
                ["datastore"] = new JsonObject { ["type"] = "mysql", ["version"] = i % 2 == 0 ? "5.7" : "8.0" },
            },
            ["resource_ids"] = new JsonArray(instanceId + ".vm", instanceId + ".volume"),
        },
        "MysqlBindEIP" => new JsonObject { ["public_ip"] = $"10.10.{i}.1" },
        "EnlargeVolume" => new JsonObject { ["volume"] = new JsonObject { ["type"] = "ULTRAHIGH", ["original_size"] = 100, ["target_size"] = 200 } },
        "ResizeFlavor" => new JsonObject { ["switch_strategy"] = "immediately" },
        _ => [],
    };

    /// <summary>The job object as the cloud sends it (the release stores its raw text): RDS or DDS dialect.</summary>
    private static string RawBody(CloudService service, string id, string name, string status, DateTime created, DateTime? ended, int? progress,
        string instanceId, string instanceName, JsonObject? entities, string? failReason)
    {
        var job = new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["status"] = status,
            ["created"] = Stamp(created),
        };
        var instance = new JsonObject { ["id"] = instanceId, ["name"] = instanceName };
        if (service == CloudService.Rds)
        {
            if (ended is { } e)
            {
                job["ended"] = Stamp(e);
            }

            job["process"] = progress is { } p ? (p % 2 == 0 ? $"{p}% " : $"{p}") : "";
            job["instance"] = instance;
            job["entities"] = entities?.DeepClone() ?? new JsonObject();
            if (failReason is not null)
            {
                job["fail_reason"] = failReason;
            }
        }
        else
        {
            job["ended"] = Stamp(ended ?? created.AddSeconds(10));
            job["progress"] = progress is { } p ? $"{p}%" : "";
            job["instance"] = instance;
            job["fail_reason"] = failReason;
        }

        return job.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string Stamp(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'+0000'", CultureInfo.InvariantCulture);

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static string Hex(Random rnd, int length)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            sb.Append("0123456789abcdef"[rnd.Next(16)]);
        }

        return sb.ToString();
    }

    private static string Uuid(Random rnd)
    {
        var bytes = new byte[16];
        rnd.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
    }
}
#endif
