namespace TaskWatch.Storage;

/// <summary>One page of an audit search and how many entries match in all.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Entries, int Total);
