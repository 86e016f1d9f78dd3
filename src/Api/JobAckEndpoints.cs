using TaskWatch.Api.Contracts;
using TaskWatch.Core;
using TaskWatch.Security;
using TaskWatch.Tracking;

namespace TaskWatch.Api;

/// <summary><c>POST</c>/<c>DELETE /api/jobs/{project}/{jobId}/ack</c>: someone takes a failed, overdue or not-found job, or lets it go.</summary>
public static class JobAckEndpoints
{
    public const string AckRequestExample = """{"note": "INC-4711, retrying at 14:00"}""";

    public const string AckExample = """{"project": "prod-rds", "jobId": "9f3c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b", "by": "ops-pipeline", "at": "2026-11-23T10:12:40Z", "note": "INC-4711, retrying at 14:00"}""";

    public const string NothingToAckExample = """{"type": "https://tools.ietf.org/html/rfc9110#section-15.5.10", "title": "Nothing to acknowledge", "status": 409, "detail": "job '9f3c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b' is Running: only a failed, overdue or not-found job can be acknowledged.", "field": "jobId"}""";

    public static void Map(RouteGroupBuilder jobs)
    {
        jobs.MapPost("/{project}/{jobId}/ack", AcknowledgeAsync).WithName("AcknowledgeJob").RequireAuthorization(AccessRoles.Operator)
            .WithSummary("Take a failed, overdue or not-found job: who (you), when, and an optional note.")
            .WithDescription("The wall shows the job as taken (\"on it: who, note\") instead of among the failures nobody has taken; the job's " +
                "timeline, the audit and `/api/events` record it. Acknowledging again replaces the note. 409 when the job did not fail, is not " +
                "overdue and was found; 404 when the project or the job is unknown; 400 when the note is over 200 characters or holds control characters.")
            .WithJsonBody<AckRequest>(AckRequestExample)
            .Produces<AckResponse>()
            .WithJsonBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithExample(StatusCodes.Status200OK, AckExample)
            .WithExample(StatusCodes.Status409Conflict, NothingToAckExample);
        jobs.MapDelete("/{project}/{jobId}/ack", UnacknowledgeAsync).WithName("UnacknowledgeJob").RequireAuthorization(AccessRoles.Operator)
            .WithSummary("Let a job go: it needs someone again.")
            .WithDescription("204 also when nobody had acknowledged it (nothing changes then). 404 when the project or the job is unknown.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> AcknowledgeAsync(string project, string jobId, HttpRequest request, JobAcknowledger acknowledger, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiBodyReader.ReadAsync(request, ApiJsonContext.Default.AckRequest).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var result = await acknowledger.AcknowledgeAsync(new JobKey(project, jobId), body!.Note, AccessClaims.Actor(request.HttpContext.User, AuditActor.ViaApi), cancellationToken).ConfigureAwait(false);
        return result.Outcome == AckOutcome.Acknowledged
            ? Results.Json(JobResponses.Ack(result.Job!.Key.Project, result.Job.Key.JobId, result.Job.Ack)!, ApiJsonContext.Default.AckResponse)
            : Refused(result, project);
    }

    private static async Task<IResult> UnacknowledgeAsync(string project, string jobId, HttpContext context, JobAcknowledger acknowledger, CancellationToken cancellationToken)
    {
        var result = await acknowledger.UnacknowledgeAsync(new JobKey(project, jobId), AccessClaims.Actor(context.User, AuditActor.ViaApi), cancellationToken).ConfigureAwait(false);
        return result.Outcome is AckOutcome.Unacknowledged or AckOutcome.NotAcknowledged ? Results.NoContent() : Refused(result, project);
    }

    // The problem text quotes what the client sent: control characters are shown as code points.
    private static IResult Refused(AckResult result, string project) => result.Outcome switch
    {
        AckOutcome.UnknownProject => ApiProblems.Create(StatusCodes.Status404NotFound, "Unknown project", ApiBodyReader.Printable(result.Problem!), ("field", "project"), ("value", ApiBodyReader.Printable(project))),
        AckOutcome.UnknownJob => ApiProblems.Create(StatusCodes.Status404NotFound, "Job not tracked", ApiBodyReader.Printable(result.Problem!), ("field", "jobId")),
        AckOutcome.InvalidNote => ApiProblems.Create(StatusCodes.Status400BadRequest, "Invalid note", $"note: {result.Problem}", ("field", "note")),
        _ => ApiProblems.Create(StatusCodes.Status409Conflict, "Nothing to acknowledge", ApiBodyReader.Printable(result.Problem!), ("field", "jobId")),
    };
}
