namespace TaskWatch.Api.Contracts;

/// <summary><c>POST /api/jobs/batch</c>: up to 1,000 jobs; valid ones are kept, each refused one is listed with why.</summary>
public sealed record RegisterBatchRequest(List<RegisterJobRequest?>? Jobs);
