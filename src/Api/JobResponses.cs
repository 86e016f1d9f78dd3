using TaskWatch.Api.Contracts;
using TaskWatch.Live;
using TaskWatch.Storage;
using TaskWatch.Tracking;

namespace TaskWatch.Api;

/// <summary>Maps stored rows and registration results onto the API's contracts.</summary>
public static class JobResponses
{
    public static JobResponse From(TrackedJob j) => new(
        j.Project, j.JobId, j.Service.ToString(), null, j.Name, JobStatusText.Of(j.State, j.StatusWord, j.IsTracking ? j.Phase : PollPhase.Stopped),
        j.Progress, j.CreatedUtc, j.EndedUtc, j.InstanceId, j.InstanceName, j.FailReason, (j.IsTracking ? j.Phase : PollPhase.Stopped).ToString(),
        j.IsTracking, j.IsTracking && JobStatusText.IsStale(j.LastError, j.Phase), j.RegisteredUtc, j.LastReadUtc, j.IsTracking ? j.NextPollUtc : null,
        j.LastError, j.ErrorSinceUtc);

    /// <summary>A live view as the API shows a job (the wait and the event stream answer from memory, not the database).</summary>
    public static JobResponse From(JobView v) => WithInsight(new(
        v.Key.Project, v.Key.JobId, v.Service.ToString(), v.Region, v.Name, v.StatusText, v.Progress, v.CreatedUtc, v.EndedUtc, v.InstanceId,
        v.InstanceName, v.FailReason, v.Phase.ToString(), v.Phase != PollPhase.Stopped, v.IsStale, v.RegisteredUtc, v.LastReadUtc,
        v.Phase is PollPhase.Done or PollPhase.Stopped ? null : v.NextPollUtc, v.LastError, v.ErrorSinceUtc), v);

    /// <summary>Adds what only the live view knows (ETA, overdue) to a stored row's response.</summary>
    public static JobResponse WithInsight(JobResponse response, JobView? live) => live is not { IsRunning: true } v ? response : response with
    {
        Eta = v.Eta?.EtaUtc,
        UsualSeconds = v.Eta?.Median?.TotalSeconds,
        UsualP90Seconds = v.Eta?.P90?.TotalSeconds,
        Overdue = v.IsOverdue,
        OverdueReason = v.OverdueReason,
    };

    // The problem text quotes what the client sent: control characters are shown as code points.
    public static RegistrationResponse From(RegistrationResult r) =>
        new(r.Project, r.JobId, r.Outcome.ToString(), r.Accepted, r.Problem is null ? null : ApiBodyReader.Printable(r.Problem));

    /// <summary>Snapshots store wide fields only when they changed; fill them forward for readers.</summary>
    public static List<SnapshotResponse> Timeline(IEnumerable<JobSnapshot> snapshots)
    {
        var result = new List<SnapshotResponse>();
        string? name = null, failReason = null, entities = null;
        DateTime? ended = null;
        foreach (var s in snapshots)
        {
            name = s.Name ?? name;
            failReason = s.FailReason ?? failReason;
            entities = s.EntitiesJson ?? entities;
            ended = s.EndedUtc ?? ended;
            result.Add(new SnapshotResponse(s.ObservedUtc, JobStatusText.Of(s.State, s.StatusWord, PollPhase.Active), s.Progress, name, ended, failReason, entities));
        }

        return result;
    }
}
