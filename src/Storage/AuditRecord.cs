namespace TaskWatch.Storage;

/// <summary>An <see cref="AuditEntry"/> as read for the pages and the API (a plain record, not the mapped entity).</summary>
public sealed record AuditRecord(
    long Id, DateTime AtUtc, string Who, string? Subject, string How, string? Client, string Action, string? Project, string? JobId, string? Detail, string Outcome);
