using System.Globalization;
using TaskWatch.Api.Contracts;
using TaskWatch.Cloud;
using TaskWatch.Core;
using TaskWatch.Live;
using TaskWatch.Security;
using TaskWatch.Storage;
using TaskWatch.Tracking;

namespace TaskWatch.Api;

/// <summary>The REST API under <c>/api/jobs</c>.</summary>
public static class JobEndpoints
{
    public static IEndpointRouteBuilder MapJobApi(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/jobs").WithTags("Jobs").WithApiProblems();
        // Changes are the Operator's; every read is the Viewer's (the fallback policy, src/Security).
        jobs.MapPost("/", RegisterOneAsync).WithName("RegisterJob").RequireAuthorization(AccessRoles.Operator)
            .WithSummary("Track one job.")
            .WithDescription("Registers a job of a configured project by its cloud task id. 201 when it is new, 200 when it was already tracked " +
                "(tracking a stopped job again also answers 201). 404 when no such project is configured; 400 when the id is not a task id.")
            .WithJsonBody<RegisterJobRequest>(ApiExamples.RegisterRequest)
            .Produces<RegistrationResponse>(StatusCodes.Status201Created)
            .Produces<RegistrationResponse>(StatusCodes.Status200OK)
            .WithJsonBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExample(StatusCodes.Status201Created, ApiExamples.Registered)
            .WithExample(StatusCodes.Status404NotFound, ApiExamples.UnknownProject);
        jobs.MapPost("/batch", RegisterBatchAsync).WithName("RegisterJobs").RequireAuthorization(AccessRoles.Operator)
            .WithSummary("Track up to 1,000 jobs; the valid ones are kept.")
            .WithDescription("Each item is registered as by RegisterJob; refused items are listed with why and do not stop the others. " +
                "A batch of which nothing is accepted is a 400 listing each item's reason in `results`.")
            .WithJsonBody<RegisterBatchRequest>(ApiExamples.BatchRequest)
            .Produces<BatchRegistrationResponse>()
            .WithJsonBodyProblems();
        jobs.MapGet("/", ListAsync).WithName("ListJobs")
            .WithSummary("Search stored jobs (tracked and stopped) with paging.")
            .WithDescription("Newest first. Every filter is optional; an unknown or repeated parameter is a 400 naming it.")
            .WithQueryParameter("project", ApiOperationDocs.Text(), "A configured project name.")
            .WithEnumQueryParameter<CloudService>("service", "The cloud service.")
            .WithEnumQueryParameter<JobState>("status", "The job's last read state.")
            .WithQueryParameter("text", ApiOperationDocs.Text(), "Part of the job id, name, instance id or instance name.")
            .WithQueryParameter("createdFrom", ApiOperationDocs.Time(), "Created at or after this time (ISO 8601; without an offset, UTC).")
            .WithQueryParameter("createdTo", ApiOperationDocs.Time(), "Created before this time (ISO 8601; without an offset, UTC).")
            .WithQueryParameter("tracking", ApiOperationDocs.Flag(), "true: only jobs still tracked; false: only stopped ones.")
            .WithQueryParameter("offset", ApiOperationDocs.Whole(0, int.MaxValue, 0), "How many matching jobs to skip.")
            .WithQueryParameter("limit", ApiOperationDocs.Whole(1, JobQueries.MaxPageSize, 50), "How many jobs to return.")
            .Produces<JobListResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithExample(StatusCodes.Status400BadRequest, ApiExamples.InvalidQuery);
        jobs.MapGet("/{project}/{jobId}", GetAsync).WithName("GetJob")
            .WithSummary("A job's current state and every observed change.")
            .WithDescription("404 names whether the project is unknown or the job is not tracked in it.")
            .Produces<JobDetailResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExample(StatusCodes.Status200OK, ApiExamples.Detail);
        jobs.MapDelete("/{project}/{jobId}", StopAsync).WithName("StopTracking").RequireAuthorization(AccessRoles.Operator)
            .WithSummary("Stop tracking a job; its history is kept.")
            .WithDescription("The job is no longer polled; it stays in the history and can be registered again.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        JobWaitEndpoint.Map(jobs);
        JobAckEndpoints.Map(jobs);
        app.MapJobEvents();
        return app;
    }

    private static async Task<IResult> RegisterOneAsync(HttpRequest request, JobRegistrar registrar, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiBodyReader.ReadAsync(request, ApiJsonContext.Default.RegisterJobRequest).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (MissingField(body!, "") is { } missing)
        {
            return missing;
        }

        var result = (await registrar.RegisterAsync([(body!.Project!, body.JobId!)], RegistrationSource.Api, AccessClaims.Actor(request.HttpContext.User, AuditActor.ViaApi), cancellationToken).ConfigureAwait(false))[0];
        return result.Outcome switch
        {
            RegistrationOutcome.UnknownProject => ApiProblems.Create(StatusCodes.Status404NotFound, "Unknown project", ApiBodyReader.Printable(result.Problem!), ("field", "project"), ("value", ApiBodyReader.Printable(body.Project!))),
            RegistrationOutcome.InvalidJobId => ApiProblems.Create(StatusCodes.Status400BadRequest, "Invalid job id", $"jobId '{ApiBodyReader.Printable(result.JobId)}': {result.Problem}", ("field", "jobId")),
            RegistrationOutcome.Registered => Results.Json(JobResponses.From(result), ApiJsonContext.Default.RegistrationResponse, statusCode: StatusCodes.Status201Created),
            _ => Results.Json(JobResponses.From(result), ApiJsonContext.Default.RegistrationResponse),
        };
    }

    private static async Task<IResult> RegisterBatchAsync(HttpRequest request, JobRegistrar registrar, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiBodyReader.ReadAsync(request, ApiJsonContext.Default.RegisterBatchRequest).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Jobs is not { } items)
        {
            return ApiProblems.Create(StatusCodes.Status400BadRequest, "Missing field", "The field 'jobs' is missing: send {\"jobs\": [{\"project\": ..., \"jobId\": ...}]}.", ("field", "jobs"));
        }

        if (items.Count is 0 or > JobRegistrar.MaxBatch)
        {
            return ApiProblems.Create(StatusCodes.Status400BadRequest, "Batch size", $"'jobs' has {items.Count} items; send 1 to {JobRegistrar.MaxBatch}.", ("field", "jobs"));
        }

        // Malformed items are refused one by one; the rest still go through.
        var registrable = new List<(string, string)>();
        var slots = new RegistrationResponse?[items.Count];
        var indexes = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item?.Project is null || item.JobId is null)
            {
                var field = item is null ? $"jobs[{i}]" : item.Project is null ? $"jobs[{i}].project" : $"jobs[{i}].jobId";
                slots[i] = new RegistrationResponse(item?.Project ?? string.Empty, item?.JobId ?? string.Empty, "Invalid", false, $"{field} is missing.");
                continue;
            }

            registrable.Add((item.Project, item.JobId));
            indexes.Add(i);
        }

        var results = registrable.Count == 0 ? [] : await registrar.RegisterAsync(registrable, RegistrationSource.Api, AccessClaims.Actor(request.HttpContext.User, AuditActor.ViaApi), cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < results.Count; k++)
        {
            slots[indexes[k]] = JobResponses.From(results[k]);
        }

        var all = slots.Select(s => s!).ToList();
        var accepted = all.Count(r => r.Accepted);
        if (accepted == 0)
        {
            // Nothing was kept: that is a refused request, not a success with an empty outcome.
            var first = all[0];
            return ApiProblems.Create(StatusCodes.Status400BadRequest, "No job accepted",
                $"None of the {all.Count} items can be tracked; the first: jobs[0] {first.Outcome}: {first.Problem}", ("field", "jobs"), ("results", all));
        }

        return Results.Json(new BatchRegistrationResponse(accepted, all.Count - accepted, all), ApiJsonContext.Default.BatchRegistrationResponse);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, JobQueries queries, LiveJobStore live, CancellationToken cancellationToken)
    {
        var q = request.Query;
        var errors = new List<string>();
        ApiQueryNames.Check(q, ListParameters, errors);

        var search = new JobSearch
        {
            Project = Text(q["project"]),
            Service = Enum<CloudService>(q["service"], "service", errors),
            State = Enum<JobState>(q["status"], "status", errors),
            Text = Text(q["text"]),
            CreatedFromUtc = Time(q["createdFrom"], "createdFrom", errors),
            CreatedToUtc = Time(q["createdTo"], "createdTo", errors),
            Tracking = Bool(q["tracking"], "tracking", errors),
        };
        var offset = Int(q["offset"], 0, 0, int.MaxValue, "offset", errors);
        var limit = Int(q["limit"], 50, 1, JobQueries.MaxPageSize, "limit", errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Create(StatusCodes.Status400BadRequest, "Invalid query", string.Join(" ", errors));
        }

        var page = await queries.SearchAsync(search, offset, limit, cancellationToken).ConfigureAwait(false);
        return Results.Json(new JobListResponse(page.Total, offset, limit, [.. page.Jobs.Select(j => JobResponses.WithInsight(JobResponses.From(j), live.Find(new JobKey(j.Project, j.JobId))))]), ApiJsonContext.Default.JobListResponse);
    }

    private static async Task<IResult> GetAsync(string project, string jobId, JobQueries queries, ProjectCatalog projects, LiveJobStore live, CancellationToken cancellationToken)
    {
        if (await queries.GetDetailAsync(project, jobId, cancellationToken).ConfigureAwait(false) is not { } detail)
        {
            return NotTracked(project, jobId, projects);
        }

        var response = new JobDetailResponse(JobResponses.WithInsight(JobResponses.From(detail.Job), live.Find(new JobKey(detail.Job.Project, detail.Job.JobId))), detail.Job.EntitiesJson, detail.Job.RawJson, JobResponses.Timeline(detail.Snapshots));
        return Results.Json(response, ApiJsonContext.Default.JobDetailResponse);
    }

    private static async Task<IResult> StopAsync(string project, string jobId, HttpContext context, JobRegistrar registrar, ProjectCatalog projects, CancellationToken cancellationToken)
    {
        if (!await registrar.StopAsync(new JobKey(project, jobId), AccessClaims.Actor(context.User, AuditActor.ViaApi), cancellationToken).ConfigureAwait(false))
        {
            return NotTracked(project, jobId, projects);
        }

        return Results.NoContent();
    }

    private static IResult NotTracked(string project, string jobId, ProjectCatalog projects) => projects.Find(project) is null
        ? ApiProblems.Create(StatusCodes.Status404NotFound, "Unknown project", $"No project '{ApiBodyReader.Printable(project)}' is configured.", ("field", "project"))
        : ApiProblems.Create(StatusCodes.Status404NotFound, "Job not tracked", $"Job '{ApiBodyReader.Printable(jobId)}' is not tracked in project '{project}'.", ("field", "jobId"));

    private static IResult? MissingField(RegisterJobRequest body, string prefix) =>
        body.Project is null ? ApiProblems.Create(StatusCodes.Status400BadRequest, "Missing field", $"The field '{prefix}project' is missing.", ("field", "project"))
        : body.JobId is null ? ApiProblems.Create(StatusCodes.Status400BadRequest, "Missing field", $"The field '{prefix}jobId' is missing.", ("field", "jobId"))
        : null;

    private static readonly string[] ListParameters = ["project", "service", "status", "text", "createdFrom", "createdTo", "tracking", "offset", "limit"];

    internal static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static T? Enum<T>(string? value, string name, List<string> errors)
        where T : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // Names only: no numbers, no comma-joined flag combinations.
        if (!value.Contains(',', StringComparison.Ordinal) && System.Enum.TryParse<T>(value, true, out var parsed) && System.Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }

        errors.Add($"'{name}' is '{ApiBodyReader.Printable(value)}': use one of {string.Join(", ", System.Enum.GetNames<T>())}.");
        return null;
    }

    internal static DateTime? Time(string? value, string name, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed.UtcDateTime;
        }

        errors.Add($"'{name}' is '{ApiBodyReader.Printable(value)}': use an ISO 8601 time such as 2026-11-23T10:00:00Z.");
        return null;
    }

    private static bool? Bool(string? value, string name, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (bool.TryParse(value, out var parsed))
        {
            return parsed;
        }

        errors.Add($"'{name}' is '{ApiBodyReader.Printable(value)}': use true or false.");
        return null;
    }

    internal static int Int(string? value, int fallback, int min, int max, string name, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            return parsed;
        }

        errors.Add($"'{name}' is '{ApiBodyReader.Printable(value)}': use a whole number from {min} to {max}.");
        return fallback;
    }
}
