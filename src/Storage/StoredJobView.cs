using TaskWatch.Core;

namespace TaskWatch.Storage;

/// <summary>A stored row seen as the pages see a live job (history rows, and jobs no longer tracked).</summary>
public static class StoredJobView
{
    public static JobView From(TrackedJob j) => new()
    {
        Key = new JobKey(j.Project, j.JobId),
        Service = j.Service,
        Name = j.Name,
        State = j.State,
        StatusWord = j.StatusWord,
        Progress = j.Progress,
        CreatedUtc = j.CreatedUtc,
        EndedUtc = j.EndedUtc,
        InstanceId = j.InstanceId,
        InstanceName = j.InstanceName,
        FailReason = j.FailReason,
        Phase = j.ShownPhase,
        RegisteredUtc = j.RegisteredUtc,
        LastReadUtc = j.LastReadUtc,
        NextPollUtc = j.IsTracking ? j.NextPollUtc : null,
        LastChangeUtc = j.LastChangeUtc,
        LastError = j.LastError,
        LastErrorOutcome = j.LastErrorOutcome,
        ErrorSinceUtc = j.ErrorSinceUtc,
        Ack = j.Ack,
    };
}
