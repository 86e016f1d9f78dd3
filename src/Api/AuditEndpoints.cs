using TaskWatch.Api.Contracts;
using TaskWatch.Security;
using TaskWatch.Storage;

namespace TaskWatch.Api;

/// <summary><c>GET /api/audit</c>: who changed what, newest first; the Admin's (an admin key, or a user with the Admin role).</summary>
public static class AuditEndpoints
{
    private static readonly string[] Parameters = ["who", "action", "project", "jobId", "from", "to", "offset", "limit"];

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", ListAsync).WithTags("Audit").WithName("ListAuditEntries")
            .RequireAuthorization(AccessRoles.Admin)
            .WithSummary("Who changed what: registrations, stops, sign-ins and sign-outs, refused keys and failed sign-ins; newest first.")
            .WithDescription("Each entry says when (UTC), who (a user name and the identity provider's subject, a key's name, or configuration / " +
                "discovery), how (UI, API, start-up), from which client address (the real client's, through a known proxy), what and the outcome. " +
                "Never a key, token, password or cookie. Needs the Admin role (an X-Api-Key of scope admin) when TaskWatch is exposed.")
            .WithQueryParameter("who", ApiOperationDocs.Text(), "Only entries by this user or key.")
            .WithQueryParameter("action", ApiOperationDocs.Text(), "Only this kind: " + string.Join(", ", AuditActions.All) + ".")
            .WithQueryParameter("project", ApiOperationDocs.Text(), "Only this project.")
            .WithQueryParameter("jobId", ApiOperationDocs.Text(), "Only this job.")
            .WithQueryParameter("from", ApiOperationDocs.Time(), "At or after this time (ISO 8601; without an offset, UTC).")
            .WithQueryParameter("to", ApiOperationDocs.Time(), "Before this time (ISO 8601; without an offset, UTC).")
            .WithQueryParameter("offset", ApiOperationDocs.Whole(0, int.MaxValue, 0), "How many matching entries to skip.")
            .WithQueryParameter("limit", ApiOperationDocs.Whole(1, AuditLog.MaxPageSize, 50), "How many entries to return.")
            .Produces<AuditListResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithApiProblems();
        return app;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, AuditLog audit, CancellationToken cancellationToken)
    {
        var q = request.Query;
        var errors = new List<string>();
        ApiQueryNames.Check(q, Parameters, errors);
        var action = JobEndpoints.Text(q["action"]);
        if (action is not null && !AuditActions.All.Contains(action))
        {
            errors.Add($"'action' is '{ApiBodyReader.Printable(action)}': use one of {string.Join(", ", AuditActions.All)}.");
        }

        var query = new AuditQuery(
            JobEndpoints.Text(q["who"]), action, JobEndpoints.Text(q["project"]), JobEndpoints.Text(q["jobId"]),
            JobEndpoints.Time(q["from"], "from", errors), JobEndpoints.Time(q["to"], "to", errors),
            JobEndpoints.Int(q["offset"], 0, 0, int.MaxValue, "offset", errors), JobEndpoints.Int(q["limit"], 50, 1, AuditLog.MaxPageSize, "limit", errors));
        if (errors.Count > 0)
        {
            return ApiProblems.Create(StatusCodes.Status400BadRequest, "Invalid query", string.Join(" ", errors));
        }

        var page = await audit.SearchAsync(query, cancellationToken).ConfigureAwait(false);
        var entries = page.Entries.Select(e => new AuditEntryResponse(
            e.Id, DateTime.SpecifyKind(e.AtUtc, DateTimeKind.Utc), e.Who, e.Subject, e.How, e.Client, e.Action, e.Project, e.JobId, e.Detail, e.Outcome)).ToList();
        return Results.Json(new AuditListResponse(page.Total, query.Offset, query.Limit, entries), ApiJsonContext.Default.AuditListResponse);
    }
}
