namespace TaskWatch.Storage;

/// <summary>
/// One alert for one job, event and channel. Its unique key is the claim that makes delivery at most
/// once, across restarts too. The channel is named, never its URL (a secret).
/// </summary>
public sealed class AlertDelivery
{
    public long Id { get; set; }

    public required string Project { get; set; }

    public required string JobId { get; set; }

    /// <summary>Failed, Overdue, NotFound or Completed.</summary>
    public required string Event { get; set; }

    public required string Channel { get; set; }

    public required string Rule { get; set; }

    public string? JobName { get; set; }

    public AlertDeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? LastAttemptUtc { get; set; }

    public DateTime? DeliveredUtc { get; set; }

    /// <summary>Why the last attempt failed ("HTTP 500", "no answer in 10 s"); never a URL.</summary>
    public string? LastError { get; set; }
}
