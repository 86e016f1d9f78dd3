using TaskWatch.Core;
using TaskWatch.Insight;

namespace TaskWatch.Alerts;

/// <summary>One alert to deliver: a job's view at the moment of the event, the rule that matched, and the target.</summary>
/// <param name="Resolved">The event's condition has ended (an overdue job finished, a missing job was found): sent to Alertmanager channels only.</param>
public sealed record AlertRequest(JobView Job, AlertEvent Event, string Rule, AlertChannel Channel, DateTime OccurredUtc, bool Resolved = false)
{
    /// <summary>The delivery log's event: a resolve is claimed apart from the alert it resolves (at most 16 characters).</summary>
    public string LoggedEvent => Resolved ? $"{Event}Resolved" : Event.ToString();

    /// <summary>What to do about it (<see cref="RunbookCatalog"/>); empty: no runbook applies, and the alert says so.</summary>
    public IReadOnlyList<RunbookLink> Runbooks { get; init; } = [];
}
