using TaskWatch.Cloud;
using TaskWatch.Core;
using TaskWatch.Storage;

namespace TaskWatch.Tracking;

/// <summary>Rebuilds the poller's state and the page's view of a job from its stored row (start-up, registration).</summary>
public static class ScheduledJobFactory
{
    public static ScheduledJob? FromRow(TrackedJob row, ProjectCatalog projects, DateTime now)
    {
        if (projects.Find(row.Project) is not { } project)
        {
            return null; // its project was removed from configuration; its history stays readable
        }

        var job = new ScheduledJob(new JobKey(project.Name, row.JobId), project, row.Id, row.RegisteredUtc)
        {
            Phase = row.Phase == PollPhase.Stopped ? PollPhase.New : row.Phase,
            Content = JobContent.From(row),
            CreatedUtc = row.CreatedUtc,
            LastReadUtc = row.LastReadUtc,
            ConsecutiveErrors = row.ConsecutiveErrors,
            ErrorSinceUtc = row.ErrorSinceUtc,
            LastError = ErrorOf(row.LastErrorOutcome, row.LastError),
            DueUtc = DueOf(row.Phase, row.NextPollUtc, now),
            Ack = row.Ack,
        };
        job.View = ViewOf(job, row.InstanceId, row.InstanceName, row.LastChangeUtc);
        return job;
    }

    /// <summary>The view of a scheduled job after its latest answer.</summary>
    public static JobView ViewOf(ScheduledJob job, string? instanceId, string? instanceName, DateTime? lastChangeUtc) => new()
    {
        Key = job.Key,
        Service = job.Project.Service,
        Region = job.Project.Region,
        Name = job.Content?.Name,
        State = job.Content?.State,
        StatusWord = job.Content?.StatusWord,
        Progress = job.Content?.Progress,
        CreatedUtc = job.CreatedUtc,
        EndedUtc = job.Content?.EndedUtc,
        InstanceId = instanceId,
        InstanceName = instanceName,
        FailReason = job.Content?.FailReason,
        Phase = job.Phase,
        RegisteredUtc = job.RegisteredUtc,
        LastReadUtc = job.LastReadUtc,
        NextPollUtc = job.DueUtc == DateTime.MaxValue ? null : job.DueUtc,
        LastChangeUtc = lastChangeUtc,
        LastError = job.LastError?.ToString(),
        LastErrorOutcome = job.LastError?.Outcome,
        ErrorSinceUtc = job.ErrorSinceUtc,
        Ack = job.Ack,
    };

    /// <summary>
    /// A stored error as the view shows it: its outcome (Rejected when none was stored) and text. Also how a change
    /// notification's error columns are applied (Leases/JobRowChange), so both paths show the same.
    /// </summary>
    public static CloudError? ErrorOf(ReadOutcome? outcome, string? text) => text is null ? null : new CloudError(outcome ?? ReadOutcome.Rejected, null, null, text);

    /// <summary>When a job read from its row is due: a finished job never, any other no later than now (after a restart every unfinished job is read soon, in its old order).</summary>
    public static DateTime DueOf(PollPhase phase, DateTime? nextPollUtc, DateTime now) => phase == PollPhase.Done ? DateTime.MaxValue : Min(nextPollUtc ?? now, now);

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
