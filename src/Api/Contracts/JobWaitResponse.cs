using System.ComponentModel;

namespace TaskWatch.Api.Contracts;

/// <summary>The answer of <c>GET /api/jobs/{project}/{jobId}/wait</c>: 200 when the job has ended, 202 when the time ran out first.</summary>
public sealed record JobWaitResponse(
    [property: Description("Completed, Failed or NotFound (the job has ended: HTTP 200), or TimedOut (it has not: HTTP 202).")] string Outcome,
    [property: Description("True for Completed, Failed and NotFound.")] bool Ended,
    [property: Description("How long TaskWatch held the request.")] double WaitedSeconds,
    [property: Description("The job's state when the answer was made.")] JobResponse Job);
