namespace TaskWatch.Api.Contracts;

/// <summary><c>POST /api/jobs</c>: one job to track.</summary>
public sealed record RegisterJobRequest(string? Project, string? JobId);
