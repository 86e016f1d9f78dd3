namespace TaskWatch.Alerts;

/// <summary>One delivery as the API and the alerts page show it. Times are UTC. The channel is named, its URL never shown.</summary>
public sealed record AlertDeliveryResponse(
    long Id,
    string Project,
    string JobId,
    string? JobName,
    string Event,
    string Rule,
    string Channel,
    string Status,
    int Attempts,
    DateTime Created,
    DateTime? LastAttempt,
    DateTime? Delivered,
    string? LastError);
