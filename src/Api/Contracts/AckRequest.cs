using System.ComponentModel;

namespace TaskWatch.Api.Contracts;

/// <summary>The body of <c>POST /api/jobs/{project}/{jobId}/ack</c>.</summary>
public sealed record AckRequest(
    [property: Description("Optional: a ticket number or what is being done (\"retrying at 14:00\"); at most 200 characters, one line.")] string? Note);
