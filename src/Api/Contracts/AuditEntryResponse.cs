namespace TaskWatch.Api.Contracts;

/// <summary>One audit entry: when (UTC), who (and the provider's subject), how, from which client, what and the outcome.</summary>
public sealed record AuditEntryResponse(
    long Id, DateTime At, string Who, string? Subject, string How, string? Client, string Action, string? Project, string? JobId, string? Detail, string Outcome);
