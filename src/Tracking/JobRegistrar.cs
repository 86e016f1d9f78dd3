using Microsoft.EntityFrameworkCore;
using TaskWatch.Cloud;
using TaskWatch.Core;
using TaskWatch.Live;
using TaskWatch.Storage;

namespace TaskWatch.Tracking;

/// <summary>
/// The one way jobs get tracked (UI, API, configuration, discovery, demo): checks each item, stores
/// the valid ones (a job already tracked is not an error and makes no duplicate), and schedules them.
/// </summary>
public sealed class JobRegistrar(
    ProjectCatalog projects,
    IDbContextFactory<TaskWatchDbContext> dbFactory,
    PollSchedule schedule,
    LiveJobStore live,
    PollerSignal signal,
    TimeProvider time)
{
    public const int MaxBatch = 1000;

    public Task<IReadOnlyList<RegistrationResult>> RegisterAsync(IReadOnlyList<(string Project, string JobId)> items, RegistrationSource source, CancellationToken cancellationToken) =>
        RegisterAsync(items, source, AuditActor.Of(source), cancellationToken);

    /// <summary>Registers, and records each stored outcome in the audit with <paramref name="actor"/>, in the same transaction.</summary>
    public async Task<IReadOnlyList<RegistrationResult>> RegisterAsync(
        IReadOnlyList<(string Project, string JobId)> items, RegistrationSource source, AuditActor actor, CancellationToken cancellationToken)
    {
        var results = new RegistrationResult[items.Count];
        var valid = new List<(int Index, CloudProject Project, string JobId)>();
        for (var i = 0; i < items.Count; i++)
        {
            var (projectName, rawId) = items[i];
            var jobId = rawId?.Trim() ?? string.Empty;
            if (projects.Find(projectName ?? string.Empty) is not { } project)
            {
                var known = string.Join(", ", projects.All.Select(p => p.Name));
                results[i] = new(projectName ?? string.Empty, jobId, RegistrationOutcome.UnknownProject, $"no project '{projectName}' is configured (known: {(known.Length == 0 ? "none" : known)}).");
            }
            else if (JobIdRules.Check(jobId) is { } why)
            {
                results[i] = new(project.Name, jobId, RegistrationOutcome.InvalidJobId, why);
            }
            else
            {
                valid.Add((i, project, jobId));
            }
        }

        if (valid.Count > 0)
        {
            await StoreAsync(valid, results, source, actor, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    private async Task StoreAsync(
        List<(int Index, CloudProject Project, string JobId)> valid, RegistrationResult[] results, RegistrationSource source, AuditActor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var ids = valid.Select(v => v.JobId).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var existing = await db.TrackedJobs.Where(j => ids.Contains(j.JobId)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var byKey = existing.ToDictionary(j => new JobKey(j.Project, j.JobId), JobKeyComparer.Instance);
        var toSchedule = new List<TrackedJob>();
        foreach (var (index, project, jobId) in valid)
        {
            var key = new JobKey(project.Name, jobId);
            if (byKey.TryGetValue(key, out var row))
            {
                // Discovery must not bring back a job a person chose to stop tracking.
                if (row.IsTracking || toSchedule.Contains(row) || source == RegistrationSource.Discovery)
                {
                    results[index] = new(project.Name, jobId, RegistrationOutcome.AlreadyTracked);
                    continue;
                }

                row.IsTracking = true;
                row.StoppedUtc = null;
                row.Phase = row.Phase == PollPhase.Stopped ? PollPhase.New : row.Phase;
                toSchedule.Add(row);
                results[index] = new(project.Name, jobId, RegistrationOutcome.Resumed);
                continue;
            }

            row = new TrackedJob
            {
                Project = project.Name,
                JobId = jobId,
                Service = project.Service,
                Source = source,
                RegisteredUtc = now,
                Phase = PollPhase.New,
                NextPollUtc = now,
            };
            db.TrackedJobs.Add(row);
            byKey[key] = row;
            toSchedule.Add(row);
            results[index] = new(project.Name, jobId, RegistrationOutcome.Registered);
        }

        // The simulator's own jobs are not anyone's change: the demo would fill the audit.
        if (source != RegistrationSource.Demo)
        {
            var detail = valid.Count > 1 ? $"one of {valid.Count} in a batch" : null;
            foreach (var (index, _, _) in valid)
            {
                var result = results[index];
                db.AuditEntries.Add(AuditLog.Entry(actor, AuditActions.Register, AuditOutcome(result.Outcome), now, result.Project, result.JobId, detail));
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var views = new List<JobView>(toSchedule.Count);
        foreach (var row in toSchedule)
        {
            var job = ScheduledJobFactory.FromRow(row, projects, now);
            if (job is null)
            {
                continue;
            }

            schedule.Add(job);
            views.Add(job.View);
        }

        live.Publish(views);
        signal.Wake();
    }

    public Task<bool> StopAsync(JobKey key, CancellationToken cancellationToken) => StopAsync(key, new AuditActor("unknown", AuditActor.ViaApi), cancellationToken);

    public async Task<bool> StopAsync(JobKey key, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        var changed = await db.TrackedJobs
            .Where(j => j.Project == key.Project && j.JobId == key.JobId && j.IsTracking)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.IsTracking, false).SetProperty(j => j.StoppedUtc, now), cancellationToken)
            .ConfigureAwait(false);
        db.AuditEntries.Add(AuditLog.Entry(actor, AuditActions.Stop, changed > 0 ? "stopped" : "not tracked", now, key.Project, key.JobId));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        schedule.Remove(key);
        live.Remove(key);
        return changed > 0;
    }

    private static string AuditOutcome(RegistrationOutcome outcome) => outcome switch
    {
        RegistrationOutcome.Registered => "registered",
        RegistrationOutcome.Resumed => "resumed",
        RegistrationOutcome.AlreadyTracked => "already tracked",
        _ => outcome.ToString(),
    };
}
