namespace TaskWatch.Storage;

/// <summary>A search of the audit: every filter optional, newest first.</summary>
public sealed record AuditQuery(
    string? Who = null, string? Action = null, string? Project = null, string? JobId = null,
    DateTime? FromUtc = null, DateTime? ToUtc = null, int Offset = 0, int Limit = 50);
