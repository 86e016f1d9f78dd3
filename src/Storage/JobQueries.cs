using Microsoft.EntityFrameworkCore;
using TaskWatch.Core;

namespace TaskWatch.Storage;

/// <summary>The reads the pages and the API make; each opens its own short-lived context.</summary>
public sealed class JobQueries(IDbContextFactory<TaskWatchDbContext> dbFactory)
{
    public const int MaxPageSize = 500;

    public async Task<JobSearchPage> SearchAsync(JobSearch search, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        // One connection for the count and the page: EF would otherwise open and close it around each
        // query, and every open runs the connection set-up (pragmas, EF's SQL functions) again.
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var query = Filter(db, Source(db, search), search);
        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await JobListOrder.Apply(query, fromIndex: !Scans(search))
            .Skip(Math.Max(0, offset))
            .Take(Math.Clamp(limit, 1, MaxPageSize))
            .Select(j => new TrackedJob
            {
                Id = j.Id, Project = j.Project, JobId = j.JobId, Service = j.Service, Source = j.Source, RegisteredUtc = j.RegisteredUtc,
                IsTracking = j.IsTracking, StoppedUtc = j.StoppedUtc, Name = j.Name, State = j.State, StatusWord = j.StatusWord, Progress = j.Progress,
                CreatedUtc = j.CreatedUtc, EndedUtc = j.EndedUtc, InstanceId = j.InstanceId, InstanceName = j.InstanceName, FailReason = j.FailReason,
                Phase = j.Phase, LastReadUtc = j.LastReadUtc, NextPollUtc = j.NextPollUtc, LastError = j.LastError, LastErrorOutcome = j.LastErrorOutcome,
                ErrorSinceUtc = j.ErrorSinceUtc, LastChangeUtc = j.LastChangeUtc, AckBy = j.AckBy, AckUtc = j.AckUtc, AckNote = j.AckNote,
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new JobSearchPage(total, rows);
    }

    /// <summary>Streams every match (CSV export) without holding them all in memory.</summary>
    public async IAsyncEnumerable<TrackedJob> StreamAsync(JobSearch search, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = JobListOrder.Apply(Filter(db, Source(db, search), search), fromIndex: !Scans(search));
        await foreach (var row in query.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return row;
        }
    }

    /// <summary>The highest snapshot id stored (0 when none): where a new event stream starts.</summary>
    public async Task<long> LastChangeIdAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.JobSnapshots.MaxAsync(s => (long?)s.Id, cancellationToken).ConfigureAwait(false) ?? 0;
    }

    /// <summary>
    /// Stored snapshots with ids in (<paramref name="afterId"/>, <paramref name="upToId"/>] in id order, at most
    /// <paramref name="take"/>; the name, end and failure reason, stored only when they change, come from the job's row.
    /// </summary>
    public async Task<List<StoredChange>> ChangesAsync(long afterId, long upToId, ChangeFilter filter, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query =
            from s in db.JobSnapshots.AsNoTracking()
            where s.Id > afterId && s.Id <= upToId
            join j in db.TrackedJobs.AsNoTracking() on s.TrackedJobId equals j.Id
            select new { s, j };
        if (filter.Project is { } project)
        {
            query = query.Where(x => x.j.Project == project);
        }

        if (filter.Service is { } service)
        {
            query = query.Where(x => x.j.Service == service);
        }

        if (filter.State is { } state)
        {
            query = query.Where(x => x.s.State == state);
        }

        return await query.OrderBy(x => x.s.Id).Take(take)
            .Select(x => new StoredChange(
                x.s.Id, x.j.Project, x.j.JobId, x.j.Service, x.s.ObservedUtc, x.s.State, x.s.StatusWord, x.s.Progress, x.s.Name ?? x.j.Name,
                x.s.EndedUtc ?? (x.s.State == JobState.Completed || x.s.State == JobState.Failed ? x.j.EndedUtc : null),
                x.s.FailReason ?? (x.s.State == JobState.Failed ? x.j.FailReason : null), x.s.AckChange, x.s.AckBy, x.s.AckNote))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every job stored for an instance of a project (tracked or not: the cloud forgets after a month, TaskWatch keeps
    /// them), newest first, at most <paramref name="limit"/>; and the finished ones (for failures and typical durations), at most
    /// <see cref="MaxFinishedForInstance"/>. The instance id is compared as the cloud writes it (the index answers it).
    /// </summary>
    public async Task<InstanceJobs> InstanceAsync(string project, string instanceId, int limit, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var id = instanceId.Trim();
        var jobs = db.TrackedJobs.AsNoTracking().Where(j => j.Project == project && j.InstanceId == id);
        var total = await jobs.CountAsync(cancellationToken).ConfigureAwait(false);
        var page = await jobs.OrderByDescending(j => j.CreatedUtc ?? j.RegisteredUtc).ThenByDescending(j => j.Id)
            .Take(Math.Clamp(limit, 1, MaxPageSize)).Select(WithoutBodies).ToListAsync(cancellationToken).ConfigureAwait(false);
        var finished = await jobs.Where(j => j.State == JobState.Completed || j.State == JobState.Failed)
            .OrderByDescending(j => j.EndedUtc).Take(MaxFinishedForInstance).Select(WithoutBodies).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new InstanceJobs(total, [.. page.Select(StoredJobView.From)], [.. finished.Select(StoredJobView.From)]);
    }

    /// <summary>Finished jobs an instance's page counts failures and typical durations over.</summary>
    public const int MaxFinishedForInstance = 2_000;

    private static readonly System.Linq.Expressions.Expression<Func<TrackedJob, TrackedJob>> WithoutBodies = j => new TrackedJob
    {
        Id = j.Id, Project = j.Project, JobId = j.JobId, Service = j.Service, Source = j.Source, RegisteredUtc = j.RegisteredUtc,
        IsTracking = j.IsTracking, StoppedUtc = j.StoppedUtc, Name = j.Name, State = j.State, StatusWord = j.StatusWord, Progress = j.Progress,
        CreatedUtc = j.CreatedUtc, EndedUtc = j.EndedUtc, InstanceId = j.InstanceId, InstanceName = j.InstanceName, FailReason = j.FailReason,
        Phase = j.Phase, LastReadUtc = j.LastReadUtc, NextPollUtc = j.NextPollUtc, LastError = j.LastError, LastErrorOutcome = j.LastErrorOutcome,
        ErrorSinceUtc = j.ErrorSinceUtc, LastChangeUtc = j.LastChangeUtc, AckBy = j.AckBy, AckUtc = j.AckUtc, AckNote = j.AckNote,
    };

    /// <summary>One job's row without its history.</summary>
    public async Task<TrackedJob?> FindAsync(string project, string jobId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.TrackedJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Project == project && j.JobId == jobId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<(TrackedJob Job, List<JobSnapshot> Snapshots)?> GetDetailAsync(string project, string jobId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var job = await db.TrackedJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Project == project && j.JobId == jobId, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return null;
        }

        var snapshots = await db.JobSnapshots.AsNoTracking()
            .Where(s => s.TrackedJobId == job.Id)
            .OrderBy(s => s.ObservedUtc).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return (job, snapshots);
    }

    /// <summary>The job page's reading of one stored job: no entity leaves Storage.</summary>
    public async Task<StoredJobDetail?> GetStoredDetailAsync(string project, string jobId, CancellationToken cancellationToken) =>
        await GetDetailAsync(project, jobId, cancellationToken).ConfigureAwait(false) is { } d ? StoredJobDetail.From(d.Job, d.Snapshots) : null;

    /// <summary>
    /// The rows to filter: on SQLite, for an instance-name search of three characters or more only those
    /// the trigram index can match (a LIKE '%text%' alone scans every job). PostgreSQL needs no such
    /// step: its pg_trgm index answers the ILIKE of <see cref="Filter"/> itself.
    /// </summary>
    private static IQueryable<TrackedJob> Source(TaskWatchDbContext db, JobSearch s)
    {
        var jobs = db.TrackedJobs.AsNoTracking();
        if (db.Database.IsNpgsql())
        {
            return jobs;
        }

        // Only instance names go through the trigram index. Job names are a few operation types, each
        // shared by thousands of jobs: they are searched through JobNames instead (see Filter).
        if (JobNameSearch.InstanceNameExpression(Trimmed(s.InstanceName)) is { } match)
        {
            var ids = db.JobNameSearchHits(match).Select(h => h.TrackedJobId);
            jobs = jobs.Where(j => ids.Contains(j.Id));
        }

        return jobs;
    }

    /// <summary>Whether a substring filter that no index answers reads every job (see <see cref="JobListOrder.Apply"/>).</summary>
    private static bool Scans(JobSearch s) =>
        !string.IsNullOrWhiteSpace(s.Text) || (!string.IsNullOrWhiteSpace(s.InstanceName) && !JobNameSearch.Covers(Trimmed(s.InstanceName)));

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static IQueryable<TrackedJob> Filter(TaskWatchDbContext db, IQueryable<TrackedJob> query, JobSearch s)
    {
        // SQLite's LIKE ignores ASCII case; PostgreSQL's does not, so there it is ILIKE (the same search, and
        // what the pg_trgm index answers).
        var postgres = db.Database.IsNpgsql();
        if (s.Tracking is { } tracking)
        {
            query = query.Where(j => j.IsTracking == tracking);
        }

        if (!string.IsNullOrWhiteSpace(s.Project))
        {
            query = query.Where(j => j.Project == s.Project);
        }

        if (s.Service is { } service)
        {
            query = query.Where(j => j.Service == service);
        }

        if (s.State is { } state)
        {
            query = query.Where(j => j.State == state);
        }

        if (s.CreatedFromUtc is { } from)
        {
            query = query.Where(j => j.CreatedUtc >= from);
        }

        if (s.CreatedToUtc is { } to)
        {
            query = query.Where(j => j.CreatedUtc < to);
        }

        if (Trimmed(s.InstanceId) is { } instanceId)
        {
            // Equality, not a LIKE: the (InstanceId, Project) index answers it, and "abc" is not "abcd".
            query = query.Where(j => j.InstanceId == instanceId);
        }

        if (!string.IsNullOrWhiteSpace(s.InstanceName))
        {
            var pattern = Like(s.InstanceName);
            query = postgres
                ? query.Where(j => EF.Functions.ILike(j.InstanceName!, pattern, "\\"))
                : query.Where(j => EF.Functions.Like(j.InstanceName, pattern, "\\"));
        }

        if (!string.IsNullOrWhiteSpace(s.JobName))
        {
            // The same LIKE, run over the few distinct names (JobName) instead of every job; the jobs
            // are then read by name through the (Name, list order) index. IN compares exactly, so the
            // jobs found are those whose own name the LIKE matches.
            var pattern = Like(s.JobName);
            var names = (postgres
                ? db.JobNames.Where(n => EF.Functions.ILike(n.Name, pattern, "\\"))
                : db.JobNames.Where(n => EF.Functions.Like(n.Name, pattern, "\\"))).Select(n => n.Name);
            query = query.Where(j => names.Contains(j.Name!));
        }

        if (!string.IsNullOrWhiteSpace(s.Text))
        {
            var pattern = Like(s.Text);
            query = postgres
                ? query.Where(j => EF.Functions.ILike(j.Name!, pattern, "\\") || EF.Functions.ILike(j.InstanceName!, pattern, "\\")
                    || EF.Functions.ILike(j.InstanceId!, pattern, "\\") || EF.Functions.ILike(j.JobId, pattern, "\\"))
                : query.Where(j => EF.Functions.Like(j.Name, pattern, "\\") || EF.Functions.Like(j.InstanceName, pattern, "\\")
                    || EF.Functions.Like(j.InstanceId, pattern, "\\") || EF.Functions.Like(j.JobId, pattern, "\\"));
        }

        return query;
    }

    // User text is matched literally: % and _ are escaped, not wildcards.
    private static string Like(string text) =>
        "%" + text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
