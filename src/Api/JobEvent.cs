using System.Text.Json;
using TaskWatch.Api.Contracts;
using TaskWatch.Core;
using TaskWatch.Storage;

namespace TaskWatch.Api;

/// <summary>
/// A stored change as the event streams send it, serialized once: the feed's ring keeps these, so a
/// hundred streams of the same change share one string rather than serializing it a hundred times.
/// Only what a filter asks and the data are kept (not the whole change): the ring holds thousands.
/// </summary>
public sealed record JobEvent(long Id, string Project, CloudService Service, JobState State, string Data)
{
    public static JobEvent Of(StoredChange c) => new(c.Id, c.Project, c.Service, c.State, JsonSerializer.Serialize(
        new JobEventResponse(
            c.Id, c.Project, c.JobId, c.Service.ToString(), JobStatusText.Of(c.State, c.StatusWord, PollPhase.Active), c.Progress, c.ObservedUtc,
            c.Name, c.EndedUtc, c.FailReason, c.Ack?.ToString(), c.AckBy, c.AckNote),
        ApiJsonContext.Default.JobEventResponse));

    public bool PassesThrough(ChangeFilter filter) => filter.Matches(Project, Service, State);
}
