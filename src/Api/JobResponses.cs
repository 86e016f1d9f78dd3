using TaskWatch.Api.Contracts;
using TaskWatch.Core;
using TaskWatch.Storage;
using TaskWatch.Tracking;

namespace TaskWatch.Api;

/// <summary>Maps stored rows and registration results onto the API's contracts.</summary>
public static class JobResponses
{
    public static JobResponse From(TrackedJob j) => new(
        j.Project, j.JobId, j.Service.ToString(), null, j.Name, JobStatusText.Of(j.State, j.StatusWord, j.ShownPhase),
        j.Progress, j.CreatedUtc, j.EndedUtc, j.InstanceId, j.InstanceName, j.FailReason, j.ShownPhase.ToString(),
        j.IsTracking, j.IsTracking && JobStatusText.IsStale(j.LastError, j.Phase), j.RegisteredUtc, j.LastReadUtc, j.IsTracking ? j.NextPollUtc : null,
        j.LastError, j.ErrorSinceUtc) { Acknowledged = Ack(j.Project, j.JobId, j.Ack) };

    /// <summary>A live view as the API shows a job (the wait and the event stream answer from memory, not the database).</summary>
    public static JobResponse From(JobView v) => WithInsight(new(
        v.Key.Project, v.Key.JobId, v.Service.ToString(), v.Region, v.Name, v.StatusText, v.Progress, v.CreatedUtc, v.EndedUtc, v.InstanceId,
        v.InstanceName, v.FailReason, v.Phase.ToString(), v.Phase != PollPhase.Stopped, v.IsStale, v.RegisteredUtc, v.LastReadUtc,
        v.Phase is PollPhase.Done or PollPhase.Stopped ? null : v.NextPollUtc, v.LastError, v.ErrorSinceUtc) { Acknowledged = Ack(v.Key.Project, v.Key.JobId, v.Ack) }, v);

    public static AckResponse? Ack(string project, string jobId, JobAck? ack) => ack is null ? null : new(project, jobId, ack.Who, ack.AtUtc, ack.Note);

    /// <summary>Adds what only the live view knows (ETA, overdue) to a stored row's response.</summary>
    public static JobResponse WithInsight(JobResponse response, JobView? live) => live is not { IsRunning: true } v ? response with { Acknowledged = Ack(response.Project, response.JobId, live?.Ack) ?? response.Acknowledged } : response with
    {
        Acknowledged = Ack(response.Project, response.JobId, v.Ack) ?? response.Acknowledged,
        Eta = v.Eta?.EtaUtc,
        UsualSeconds = v.Eta?.Median?.TotalSeconds,
        UsualP90Seconds = v.Eta?.P90?.TotalSeconds,
        Overdue = v.IsOverdue,
        OverdueReason = v.OverdueReason,
    };

    // The problem text quotes what the client sent: control characters are shown as code points.
    public static RegistrationResponse From(RegistrationResult r) =>
        new(r.Project, r.JobId, r.Outcome.ToString(), r.Accepted, r.Problem is null ? null : ApiBodyReader.Printable(r.Problem));

    /// <summary>The stored timeline as the API shows it.</summary>
    public static List<SnapshotResponse> Timeline(IEnumerable<JobSnapshot> snapshots) =>
        JobTimeline.From(snapshots).Select(e => new SnapshotResponse(e.ObservedUtc, e.Status, e.Progress, e.Name, e.EndedUtc, e.FailReason, e.EntitiesJson)
        {
            Ack = e.Ack?.ToString(),
            AckBy = e.AckBy,
            AckNote = e.AckNote,
        }).ToList();
}
