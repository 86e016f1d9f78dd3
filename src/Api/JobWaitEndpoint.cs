using System.Globalization;
using TaskWatch.Api.Contracts;
using TaskWatch.Cloud;
using TaskWatch.Core;
using TaskWatch.Live;
using TaskWatch.Security;
using TaskWatch.Storage;
using TaskWatch.Tracking;

namespace TaskWatch.Api;

/// <summary>
/// <c>GET /api/jobs/{project}/{jobId}/wait</c> (and <c>POST</c>, which registers first): holds the request until the job has ended or the timeout
/// passes, so a pipeline waits on TaskWatch instead of polling the cloud itself (<see cref="JobWaiters"/>).
/// </summary>
public static class JobWaitEndpoint
{
    public const int DefaultTimeoutSeconds = 30;

    public const int MaxTimeoutSeconds = 3600;

    private static readonly string[] Parameters = ["timeout"];

    public static void Map(RouteGroupBuilder jobs)
    {
        Document(jobs.MapGet("/{project}/{jobId}/wait", WaitAsync).WithName("WaitForJob")
            .WithSummary("Wait until a job has ended, or the timeout passes.")
            .ProducesProblem(StatusCodes.Status404NotFound),
            "A job TaskWatch does not track is a 404: POST to the same address registers it and waits (a GET never changes anything).");
        Document(jobs.MapPost("/{project}/{jobId}/wait", RegisterAndWaitAsync).WithName("RegisterAndWaitForJob")
            .WithSummary("Track a job if TaskWatch does not, then wait until it has ended, or the timeout passes.")
            .RequireAuthorization(Security.AccessRoles.Operator),
            "Registers the job first when TaskWatch does not (or no longer does) track it: a change, so it needs the Operator role " +
            "(an X-Api-Key of scope change or admin) when TaskWatch is exposed. 404 only for an unknown project.");
    }

    private static void Document(RouteHandlerBuilder wait, string untracked) => wait
        .WithDescription(
            "Answers as soon as the job has ended: **200** with `outcome` Completed or Failed (the end as the cloud states it), or NotFound " +
            "(the cloud does not know it after the grace period, TaskWatch:Polling:NotFoundGrace). When `timeout` passes first: **202** with " +
            "`outcome` TimedOut and the job's current state; ask again to go on waiting. A job that has already ended answers at once. " +
            "**409** when tracking the job was stopped (before or during the wait). " + untracked + " " +
            "Waiting costs no cloud call: the answer comes from the poller's own reads. Open waits are capped per client " +
            "(TaskWatch:Api:MaxWaitsPerClient, 429) and in total (TaskWatch:Api:MaxWaits, 503), each refusal with Retry-After.")
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .WithQueryParameter("timeout", ApiOperationDocs.Whole(0, MaxTimeoutSeconds, DefaultTimeoutSeconds), "Seconds to wait at most; 0 answers at once.")
        .Produces<JobWaitResponse>(StatusCodes.Status200OK)
        .Produces<JobWaitResponse>(StatusCodes.Status202Accepted)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .WithExample(StatusCodes.Status200OK, """{"outcome": "Completed", "ended": true, "waitedSeconds": 41.2, "job": """ + ApiExamples.Job + "}");

    private static Task<IResult> WaitAsync(
        string project, string jobId, HttpContext context, JobWaiters waiters, LiveJobStore live, JobQueries queries, JobRegistrar registrar,
        ProjectCatalog projects, OpenRequestCaps caps, TimeProvider time, CancellationToken cancellationToken) =>
        CappedAsync(caps, context, () => WaitForAsync(project, jobId, false, context, waiters, live, queries, registrar, projects, time, cancellationToken));

    private static Task<IResult> RegisterAndWaitAsync(
        string project, string jobId, HttpContext context, JobWaiters waiters, LiveJobStore live, JobQueries queries, JobRegistrar registrar,
        ProjectCatalog projects, OpenRequestCaps caps, TimeProvider time, CancellationToken cancellationToken) =>
        CappedAsync(caps, context, () => WaitForAsync(project, jobId, true, context, waiters, live, queries, registrar, projects, time, cancellationToken));

    private static async Task<IResult> CappedAsync(OpenRequestCaps caps, HttpContext context, Func<Task<IResult>> wait)
    {
        using var lease = await caps.Waits.EnterAsync(context).ConfigureAwait(false);
        return lease is null ? Results.Empty : await wait().ConfigureAwait(false);
    }

    private static async Task<IResult> WaitForAsync(
        string project, string jobId, bool register, HttpContext context, JobWaiters waiters, LiveJobStore live, JobQueries queries, JobRegistrar registrar,
        ProjectCatalog projects, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var timeout = DefaultTimeoutSeconds;
        if (context.Request.Query.ContainsKey("register"))
        {
            // Earlier releases registered on GET ...?register=true: a link or an <img> could register jobs.
            errors.Add("'register' is no longer a parameter: POST to this address registers the job and waits (a GET never changes anything).");
        }

        ApiQueryNames.Check(context.Request.Query, [.. Parameters, "register"], errors);
        var timeoutText = context.Request.Query["timeout"];
        if (timeoutText.Count == 1
            && !(int.TryParse(timeoutText[0], NumberStyles.None, CultureInfo.InvariantCulture, out timeout) && timeout <= MaxTimeoutSeconds))
        {
            errors.Add($"'timeout' is '{ApiBodyReader.Printable(timeoutText[0] ?? string.Empty)}': use whole seconds from 0 to {MaxTimeoutSeconds}.");
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Create(StatusCodes.Status400BadRequest, "Invalid query", string.Join(" ", errors));
        }

        var key = new JobKey(project, jobId);
        if (live.Find(key) is null && await TrackAsync(key, register, context, queries, registrar, projects, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var started = time.GetTimestamp();
        var result = await waiters.WaitAsync(key, TimeSpan.FromSeconds(timeout), cancellationToken).ConfigureAwait(false);
        var job = result.View is { } view ? JobResponses.From(view)
            : await queries.FindAsync(project, jobId, cancellationToken).ConfigureAwait(false) is { } row ? JobResponses.From(row)
            : null;
        if (result.Outcome == WaitOutcome.Stopped || job is null)
        {
            return ApiProblems.Create(StatusCodes.Status409Conflict, "Tracking stopped",
                $"Tracking job '{ApiBodyReader.Printable(jobId)}' in project '{project}' was stopped during the wait; register it again to wait for it.", ("field", "jobId"));
        }

        var body = new JobWaitResponse(result.Outcome.ToString(), result.Ended, Math.Round(time.GetElapsedTime(started).TotalSeconds, 3), job);
        return Results.Json(body, ApiJsonContext.Default.JobWaitResponse, statusCode: result.Ended ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// For a job the live store does not know: null when it is tracked after all (stored, not loaded yet) or
    /// was registered now; otherwise the problem to answer.
    /// </summary>
    private static async Task<IResult?> TrackAsync(
        JobKey key, bool register, HttpContext context, JobQueries queries, JobRegistrar registrar, ProjectCatalog projects, CancellationToken cancellationToken)
    {
        if (projects.Find(key.Project) is null)
        {
            return ApiProblems.Create(StatusCodes.Status404NotFound, "Unknown project", $"No project '{ApiBodyReader.Printable(key.Project)}' is configured.", ("field", "project"));
        }

        var row = await queries.FindAsync(key.Project, key.JobId, cancellationToken).ConfigureAwait(false);
        if (row is { IsTracking: true })
        {
            return null;
        }

        if (!register)
        {
            return row is null
                ? ApiProblems.Create(StatusCodes.Status404NotFound, "Job not tracked",
                    $"Job '{ApiBodyReader.Printable(key.JobId)}' is not tracked in project '{key.Project}': register it first, or POST to this address to register and wait.", ("field", "jobId"))
                : ApiProblems.Create(StatusCodes.Status409Conflict, "Tracking stopped",
                    $"Tracking job '{ApiBodyReader.Printable(key.JobId)}' in project '{key.Project}' was stopped: register it again, or POST to this address to register and wait.", ("field", "jobId"));
        }

        var result = (await registrar.RegisterAsync([(key.Project, key.JobId)], RegistrationSource.Api, AccessClaims.Actor(context.User, AuditActor.ViaApi), cancellationToken).ConfigureAwait(false))[0];
        return result.Outcome == RegistrationOutcome.InvalidJobId
            ? ApiProblems.Create(StatusCodes.Status400BadRequest, "Invalid job id", $"jobId '{ApiBodyReader.Printable(result.JobId)}': {result.Problem}", ("field", "jobId"))
            : null;
    }
}
