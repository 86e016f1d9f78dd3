using Microsoft.EntityFrameworkCore;
using TaskWatch.Cloud;
using TaskWatch.Core;
using TaskWatch.Live;
using TaskWatch.Storage;

namespace TaskWatch.Tracking;

/// <summary>
/// Puts the stored tracked jobs into the schedule and their views into the live store: all of them when the
/// poller starts, one account's projects when this instance takes that account over (Leases/AccountScheduleLoader).
/// </summary>
public sealed class StoredScheduleLoader(
    PollSchedule schedule,
    ProjectCatalog projects,
    LiveJobStore live,
    IDbContextFactory<TaskWatchDbContext> dbFactory,
    TimeProvider time)
{
    private readonly TaskCompletionSource _everyProjectLoaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Done once the poller's start-up load of every project has published its views. Another instance's change
    /// read before then could be overwritten in the live store by this older read of the same row, so the
    /// PostgreSQL change feed applies nothing before it (and reads every row once after it).
    /// </summary>
    public Task EveryProjectLoaded => _everyProjectLoaded.Task;

    /// <summary>Schedules the stored jobs of <paramref name="projectNames"/> (null: every project) and returns how many.</summary>
    public async Task<int> LoadAsync(List<string>? projectNames, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var tracked = TrackedRows(db);
        var rows = await (projectNames is null ? tracked : tracked.Where(j => projectNames.Contains(j.Project)))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        var views = new List<JobView>(rows.Count);
        foreach (var row in rows)
        {
            if (ScheduledJobFactory.FromRow(row, projects, now) is { } job)
            {
                schedule.Add(job);
                views.Add(job.View);
            }
        }

        live.Publish(views);
        if (projectNames is null)
        {
            _everyProjectLoaded.TrySetResult();
        }

        return views.Count;
    }

    /// <summary>
    /// Every tracked job with what the schedule and the live view need: the raw body and the cloud's
    /// time texts (the largest columns, read only by the detail page) are left in the database.
    /// </summary>
    internal static IQueryable<TrackedJob> TrackedRows(TaskWatchDbContext db) => db.TrackedJobs.AsNoTracking()
        // Compared with a parameter, not tested as a bare column: SQLite answers "IsTracking = @v" from the
        // (IsTracking, State) index but reads every job, raw bodies and all, for "WHERE IsTracking".
        .Where(j => j.IsTracking == EF.Parameter(true))
        .Select(j => new TrackedJob
        {
            Id = j.Id, Project = j.Project, JobId = j.JobId, Service = j.Service, Source = j.Source, RegisteredUtc = j.RegisteredUtc,
            IsTracking = j.IsTracking, StoppedUtc = j.StoppedUtc, Name = j.Name, State = j.State, StatusWord = j.StatusWord, Progress = j.Progress,
            CreatedUtc = j.CreatedUtc, EndedUtc = j.EndedUtc, InstanceId = j.InstanceId, InstanceName = j.InstanceName, FailReason = j.FailReason,
            EntitiesJson = j.EntitiesJson, Phase = j.Phase, LastReadUtc = j.LastReadUtc, LastPolledUtc = j.LastPolledUtc, NextPollUtc = j.NextPollUtc,
            LastChangeUtc = j.LastChangeUtc, LastErrorOutcome = j.LastErrorOutcome, LastError = j.LastError, ErrorSinceUtc = j.ErrorSinceUtc,
            ConsecutiveErrors = j.ConsecutiveErrors, AckBy = j.AckBy, AckUtc = j.AckUtc, AckNote = j.AckNote,
        });
}
