using System.ComponentModel;

namespace TaskWatch.Api.Contracts;

/// <summary>One observed change; name, ended, fail reason and entities are filled forward from earlier rows.</summary>
public sealed record SnapshotResponse(DateTime Observed, string Status, int? Progress, string? Name, DateTime? Ended, string? FailReason, string? Entities)
{
    /// <summary>Set when this entry records an acknowledgement rather than a read.</summary>
    [Description("Acknowledged or Unacknowledged when this entry records someone taking the job (or letting it go) rather than a read; null otherwise.")]
    public string? Ack { get; init; }

    [Description("Who acknowledged or let go: the signed-in user's or the API key's name.")]
    public string? AckBy { get; init; }

    public string? AckNote { get; init; }
}
