using System.ComponentModel;

namespace TaskWatch.Api.Contracts;

/// <summary>One observed change of a job, as the data of a <c>job</c> event on <c>GET /api/events</c>.</summary>
public sealed record JobEventResponse(
    [property: Description("The change's number, also the event's id: send the last one seen as Last-Event-ID to resume.")] long Id,
    string Project,
    string JobId,
    string Service,
    [property: Description("Running, Completed, Failed, or Unknown (the cloud's word).")] string Status,
    int? Progress,
    [property: Description("When TaskWatch read this state (UTC).")] DateTime Observed,
    string? Name,
    DateTime? Ended,
    string? FailReason,
    [property: Description("Acknowledged or Unacknowledged when this change is someone taking the job (or letting it go), not a read; null otherwise.")] string? Ack = null,
    [property: Description("Who acknowledged or let go: the signed-in user's or the API key's name.")] string? AckBy = null,
    string? AckNote = null);
