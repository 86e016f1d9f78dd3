using Microsoft.EntityFrameworkCore;
using TaskWatch.Core;

namespace TaskWatch.Storage;

/// <summary>
/// The record of who changed what: written by the registrar (in the same transaction as the change), the API and the
/// sign-in; read by the audit page, <c>GET /api/audit</c> and the job page's "registered by" line.
/// </summary>
public sealed class AuditLog(IDbContextFactory<TaskWatchDbContext> dbFactory, TimeProvider time)
{
    public const int MaxPageSize = 500;

    /// <summary>An entry for <paramref name="db"/> to save with the change it records.</summary>
    public static AuditEntry Entry(AuditActor actor, string action, string outcome, DateTime atUtc, string? project = null, string? jobId = null, string? detail = null) => new()
    {
        AtUtc = atUtc,
        Who = Cut(actor.Who, 200)!,
        Subject = Cut(actor.Subject, 200),
        How = Cut(actor.How, 16)!,
        Client = Cut(actor.Client, 64),
        Action = action,
        Project = project,
        JobId = jobId,
        Detail = Cut(detail, 500),
        Outcome = outcome,
    };

    public async Task WriteAsync(AuditActor actor, string action, string outcome, string? project = null, string? jobId = null, string? detail = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.AuditEntries.Add(Entry(actor, action, outcome, time.GetUtcNow().UtcDateTime, project, jobId, detail));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<AuditPage> SearchAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Who))
        {
            entries = entries.Where(e => e.Who == query.Who);
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            entries = entries.Where(e => e.Action == query.Action);
        }

        if (!string.IsNullOrWhiteSpace(query.Project))
        {
            entries = entries.Where(e => e.Project == query.Project);
        }

        if (!string.IsNullOrWhiteSpace(query.JobId))
        {
            entries = entries.Where(e => e.JobId == query.JobId);
        }

        if (query.FromUtc is { } from)
        {
            entries = entries.Where(e => e.AtUtc >= from);
        }

        if (query.ToUtc is { } to)
        {
            entries = entries.Where(e => e.AtUtc < to);
        }

        var total = await entries.CountAsync(cancellationToken).ConfigureAwait(false);
        var page = await entries.OrderByDescending(e => e.Id)
            .Skip(Math.Max(0, query.Offset)).Take(Math.Clamp(query.Limit, 1, MaxPageSize))
            .Select(Record)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new AuditPage(page, total);
    }

    /// <summary>The latest registration of a job that took effect (registered or resumed), for the job page.</summary>
    public async Task<AuditRecord?> LastRegistrationAsync(string project, string jobId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.AuditEntries.AsNoTracking()
            .Where(e => e.Project == project && e.JobId == jobId && e.Action == AuditActions.Register && (e.Outcome == "registered" || e.Outcome == "resumed"))
            .OrderByDescending(e => e.Id).Select(Record).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    private static readonly System.Linq.Expressions.Expression<Func<AuditEntry, AuditRecord>> Record = e =>
        new AuditRecord(e.Id, e.AtUtc, e.Who, e.Subject, e.How, e.Client, e.Action, e.Project, e.JobId, e.Detail, e.Outcome);

    private static string? Cut(string? text, int max) => text is null ? null : text.Length <= max ? text : text[..max];
}
