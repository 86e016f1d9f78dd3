using System.Text.Json;
using TaskWatch.Api.Contracts;
using TaskWatch.Live;
using TaskWatch.Storage;

namespace TaskWatch.Api;

/// <summary>
/// A stored change with its event data, serialized once: the feed's ring keeps these, so a hundred
/// streams of the same change share one string rather than serializing it a hundred times.
/// </summary>
public sealed record JobEvent(StoredChange Change, string Data)
{
    public static JobEvent Of(StoredChange c) => new(c, JsonSerializer.Serialize(
        new JobEventResponse(
            c.Id, c.Project, c.JobId, c.Service.ToString(), JobStatusText.Of(c.State, c.StatusWord, PollPhase.Active), c.Progress, c.ObservedUtc,
            c.Name, c.EndedUtc, c.FailReason),
        ApiJsonContext.Default.JobEventResponse));
}
