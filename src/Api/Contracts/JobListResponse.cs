namespace TaskWatch.Api.Contracts;

public sealed record JobListResponse(int Total, int Offset, int Limit, IReadOnlyList<JobResponse> Jobs);
