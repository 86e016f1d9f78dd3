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
            LastError = row.LastError is null ? null : new CloudError(row.LastErrorOutcome ?? ReadOutcome.Rejected, null, null, row.LastError),
            // After a restart every unfinished job is read soon, in its old order.
            DueUtc = row.Phase == PollPhase.Done ? DateTime.MaxValue : Min(row.NextPollUtc ?? now, now),
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

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
