using Microsoft.EntityFrameworkCore;
using TaskWatch.Cloud;
using TaskWatch.Core;
using TaskWatch.Live;
using TaskWatch.Storage;

namespace TaskWatch.Tracking;

/// <summary>
/// The one way a job is acknowledged or let go (job page, dashboard, wall, API): checks it, stores who, when and the
/// note on the job's row with a timeline entry and an audit entry in one transaction, and shows it at once. Other
/// instances on the same PostgreSQL see it through the row's change notification (<see cref="Leases.PostgreSqlJobChangeFeed"/>).
/// </summary>
public sealed class JobAcknowledger(
    ProjectCatalog projects,
    IDbContextFactory<TaskWatchDbContext> dbFactory,
    PollSchedule schedule,
    LiveJobStore live,
    TimeProvider time) : IJobAcknowledger
{
    public async Task<AckResult> AcknowledgeAsync(JobKey key, string? note, AuditActor actor, CancellationToken cancellationToken)
    {
        if (AckRules.CheckNote(note) is { } why)
        {
            return new AckResult(AckOutcome.InvalidNote, Problem: why);
        }

        return await ChangeAsync(key, new JobAck(actor.Who.Length <= 200 ? actor.Who : actor.Who[..200], time.GetUtcNow().UtcDateTime, AckRules.Normalize(note)), actor, cancellationToken).ConfigureAwait(false);
    }

    public Task<AckResult> UnacknowledgeAsync(JobKey key, AuditActor actor, CancellationToken cancellationToken) =>
        ChangeAsync(key, null, actor, cancellationToken);

    /// <summary>Shows <paramref name="ack"/> on a job this instance holds (a change another instance stored).</summary>
    public void ApplyHere(JobKey key, JobAck? ack)
    {
        lock (schedule.Sync)
        {
            if (schedule.Find(key) is { } job)
            {
                job.Ack = ack;
                job.View = job.View with { Ack = ack };
            }
        }

        if (live.Find(key) is { } shown && shown.Ack != ack)
        {
            live.Publish([shown with { Ack = ack }]);
        }
    }

    private async Task<AckResult> ChangeAsync(JobKey key, JobAck? ack, AuditActor actor, CancellationToken cancellationToken)
    {
        if (projects.Find(key.Project) is not { } project)
        {
            var known = string.Join(", ", projects.All.Select(p => p.Name));
            return new AckResult(AckOutcome.UnknownProject, Problem: $"no project '{key.Project}' is configured (known: {(known.Length == 0 ? "none" : known)}).");
        }

        key = new JobKey(project.Name, key.JobId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.TrackedJobs.FirstOrDefaultAsync(j => j.Project == key.Project && j.JobId == key.JobId, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return new AckResult(AckOutcome.UnknownJob, Problem: $"job '{key.JobId}' is not tracked in project '{project.Name}'.");
        }

        // The live view knows what the row does not: whether a running job is overdue.
        var view = live.Find(key) ?? StoredJobView.From(row);
        if (ack is not null && !AckRules.CanAcknowledge(view))
        {
            return new AckResult(AckOutcome.NothingToAcknowledge, view,
                $"job '{key.JobId}' is {view.StatusText}: only a failed, overdue or not-found job can be acknowledged.");
        }

        if (ack is null && row.AckBy is null)
        {
            return new AckResult(AckOutcome.NotAcknowledged, view);
        }

        var now = time.GetUtcNow().UtcDateTime;
        row.AckBy = ack?.Who;
        row.AckUtc = ack?.AtUtc;
        row.AckNote = ack?.Note;
        db.JobSnapshots.Add(new JobSnapshot
        {
            TrackedJobId = row.Id,
            ObservedUtc = now,
            State = row.State ?? JobState.Running,
            StatusWord = row.StatusWord,
            Progress = row.Progress,
            // Copied whole, so the entry still reads right when retention removes the reads before it.
            Name = row.Name,
            EndedUtc = row.EndedUtc,
            FailReason = row.FailReason,
            AckChange = ack is null ? AckChange.Unacknowledged : AckChange.Acknowledged,
            AckBy = actor.Who.Length <= 200 ? actor.Who : actor.Who[..200],
            AckNote = ack?.Note,
        });
        db.AuditEntries.Add(AuditLog.Entry(actor, ack is null ? AuditActions.Unacknowledge : AuditActions.Acknowledge,
            ack is null ? "unacknowledged" : "acknowledged", now, key.Project, key.JobId, ack?.Note));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        ApplyHere(key, ack);
        return new AckResult(ack is null ? AckOutcome.Unacknowledged : AckOutcome.Acknowledged, (live.Find(key) ?? view) with { Ack = ack });
    }
}
