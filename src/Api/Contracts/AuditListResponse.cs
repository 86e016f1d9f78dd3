namespace TaskWatch.Api.Contracts;

public sealed record AuditListResponse(int Total, int Offset, int Limit, IReadOnlyList<AuditEntryResponse> Entries);
