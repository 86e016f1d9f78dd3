using TaskWatch.Core;

namespace TaskWatch.Alerts;

/// <summary>One alert to deliver: a job's view at the moment of the event, the rule that matched, and the target.</summary>
public sealed record AlertRequest(JobView Job, AlertEvent Event, string Rule, AlertChannel Channel, DateTime OccurredUtc);
