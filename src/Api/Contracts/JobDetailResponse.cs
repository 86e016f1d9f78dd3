namespace TaskWatch.Api.Contracts;

public sealed record JobDetailResponse(JobResponse Job, string? Entities, string? Raw, IReadOnlyList<SnapshotResponse> Snapshots);
