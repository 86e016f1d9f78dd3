using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using TaskWatch.Cloud.Auth;
using TaskWatch.Core;

namespace TaskWatch.Simulator;

/// <summary>
/// The simulated HTTP APIs: IAM under <c>/iam</c>, RDS under <c>/rds</c>, DDS under <c>/dds</c>, each
/// answering as the documents describe, with the documented error bodies.
/// </summary>
public static class SimulatorEndpoints
{
    public static void Map(IEndpointRouteBuilder app, TaskCenterSimulator sim)
    {
        app.MapPost("/iam/v3/auth/tokens", (Delegate)((HttpContext http) => IssueTokenAsync(http, sim)));
        // Every job API call passes the project's hostile modes (none by default) and is logged.
        app.MapGet("/rds/v3/{projectId}/jobs", (HttpContext http, string projectId) => sim.Faults.AnswerAsync(http, projectId, () => ShowJob(http, sim, CloudService.Rds, projectId)));
        app.MapGet("/dds/v3/{projectId}/jobs", (HttpContext http, string projectId) => sim.Faults.AnswerAsync(http, projectId, () => ShowJob(http, sim, CloudService.Dds, projectId)));
        app.MapGet("/rds/v3/{projectId}/tasklist", (HttpContext http, string projectId) => sim.Faults.AnswerAsync(http, projectId, () => RdsTaskList(http, sim, projectId)));
        app.MapGet("/dds/v3.1/{projectId}/jobs", (HttpContext http, string projectId) => sim.Faults.AnswerAsync(http, projectId, () => DdsJobList(http, sim, projectId)));
    }

    private static async Task<IResult> IssueTokenAsync(HttpContext http, TaskCenterSimulator sim)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false);
            var auth = body.RootElement.GetProperty("auth");
            var user = auth.GetProperty("identity").GetProperty("password").GetProperty("user");
            var c = sim.Credentials;
            if (user.GetProperty("name").GetString() != c.User || user.GetProperty("password").GetString() != c.Password
                || user.GetProperty("domain").GetProperty("name").GetString() != c.Domain)
            {
                return Json(401, SimulatorJson.Error("IAM.0006", "The username or password is wrong."));
            }

            var project = auth.GetProperty("scope").GetProperty("project");
            var projectId = project.TryGetProperty("id", out var id) ? id.GetString()
                : sim.FindProjectByRegion(project.GetProperty("name").GetString())?.ProjectId;
            if (projectId is null || sim.FindProject(projectId) is null)
            {
                return Json(400, SimulatorJson.Error("IAM.0002", "The project is not found."));
            }

            var token = sim.IssueToken(projectId);
            http.Response.Headers["X-Subject-Token"] = token;
            return Json(201, SimulatorJson.IamToken(sim.TokenExpiry(token), sim.UtcNow));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Json(400, SimulatorJson.Error("IAM.0001", "The request body is invalid."));
        }
    }

    private static IResult ShowJob(HttpContext http, TaskCenterSimulator sim, CloudService service, string projectId)
    {
        if (Refuse(http, sim, service, projectId) is { } refusal)
        {
            return refusal;
        }

        var id = http.Request.Query["id"].ToString();
        var now = sim.UtcNow;
        var job = string.IsNullOrEmpty(id) ? null : sim.FindJob(projectId, id);
        if (job is null || !job.IsVisible(now) || job.Kind.Service != service || now - job.CreatedUtc > TimeSpan.FromDays(30))
        {
            return Json(400, SimulatorJson.Error("DBS.200543", "The job does not exist."));
        }

        sim.NoteServed([job], now);
        return Json(200, SimulatorJson.JobEnvelope(job, service, now));
    }

    private static IResult RdsTaskList(HttpContext http, TaskCenterSimulator sim, string projectId)
    {
        if (Refuse(http, sim, CloudService.Rds, projectId) is { } refusal)
        {
            return refusal;
        }

        var q = http.Request.Query;
        if (PagingProblem(q, defaultLimit: 10, maxLimit: 50, out var offset, out var limit) is { } paging)
        {
            return paging;
        }

        if (StatusProblem(q["status"]) is { } badStatus)
        {
            return badStatus;
        }

        var hasFrom = !StringValues.IsNullOrEmpty(q["start_time"]);
        var hasTo = !StringValues.IsNullOrEmpty(q["end_time"]);
        DateTime? from = TryMillis(q["start_time"]);
        DateTime? to = TryMillis(q["end_time"]);
        if ((hasFrom && from is null) || (hasTo && to is null))
        {
            return Json(400, SimulatorJson.Error("DBS.200001", "start_time and end_time are UNIX timestamps in milliseconds."));
        }

        if (from is not null && to is null)
        {
            return Json(400, SimulatorJson.Error("DBS.200001", "end_time is required when start_time is given."));
        }

        if (from > to)
        {
            return Json(400, SimulatorJson.Error("DBS.200001", "end_time is earlier than start_time."));
        }

        var now = sim.UtcNow;
        var matching = Filter(sim.JobsOf(projectId), now, q["status"], from, to, CloudService.Rds);
        List<SimulatedJob> page = [.. matching.Skip(offset).Take(limit)];
        sim.NoteServed(page, now);
        return Json(200, SimulatorJson.RdsTaskList(page, matching.Count, now));
    }

    private static IResult DdsJobList(HttpContext http, TaskCenterSimulator sim, string projectId)
    {
        if (Refuse(http, sim, CloudService.Dds, projectId) is { } refusal)
        {
            return refusal;
        }

        var q = http.Request.Query;
        if (PagingProblem(q, defaultLimit: 100, maxLimit: 100, out var offset, out var limit) is { } paging)
        {
            return paging;
        }

        if (StatusProblem(q["status"]) is { } badStatus)
        {
            return badStatus;
        }

        if (!DateTime.TryParseExact(q["start_time"], "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var from)
            || !DateTime.TryParseExact(q["end_time"], "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var to)
            || to < from || to - from > TimeSpan.FromDays(30))
        {
            return Json(400, SimulatorJson.Error("DBS.200001", "start_time and end_time are required, yyyy-mm-ddThh:mm:ssZ, at most 30 days apart."));
        }

        var now = sim.UtcNow;
        var matching = Filter(sim.JobsOf(projectId), now, q["status"], from, to, CloudService.Dds);
        List<SimulatedJob> page = [.. matching.Skip(offset).Take(limit)];
        sim.NoteServed(page, now);
        return Json(200, SimulatorJson.DdsJobList(page, matching.Count, now));
    }

    private static List<SimulatedJob> Filter(IEnumerable<SimulatedJob> jobs, DateTime now, StringValues status, DateTime? from, DateTime? to, CloudService service) =>
        [.. jobs
            .Where(j => j.Kind.Service == service && j.IsVisible(now))
            .Where(j => StringValues.IsNullOrEmpty(status) || string.Equals(j.StateAt(now).ToString(), status, StringComparison.Ordinal))
            .Where(j => from is null || j.CreatedUtc >= from)
            .Where(j => to is null || j.CreatedUtc <= to)
            .OrderByDescending(j => j.CreatedUtc)
            .ThenBy(j => j.Id, StringComparer.Ordinal)];

    /// <summary>Null when the caller may read the project; else the error answer the clouds give.</summary>
    private static IResult? Refuse(HttpContext http, TaskCenterSimulator sim, CloudService service, string projectId)
    {
        sim.CountRequest();
        var project = sim.FindProject(projectId);
        var code = http.Request.Headers.Authorization.ToString().StartsWith(AkSkSigner.Algorithm, StringComparison.Ordinal)
            ? SimulatorSignatureCheck.Check(http.Request, sim)
            : sim.CheckToken(http.Request.Headers[CloudHeaders.AuthToken].FirstOrDefault(), projectId);
        if (code is not null)
        {
            var status = code == "APIGW.0307" ? 401 : service == CloudService.Rds ? 403 : 401;
            return Json(status, SimulatorJson.Error(code, code switch
            {
                "APIGW.0307" => "The token must be updated.",
                "APIGW.0301" => "Incorrect IAM authentication information: the token is missing.",
                "APIGW.0303" => "Incorrect app authentication information: the signature does not match.",
                _ => "Invalid token.",
            }));
        }

        if (project is null || project.Service != service)
        {
            return Json(404, SimulatorJson.Error("APIGW.0101", "The API does not exist or has not been published in the environment."));
        }

        return null;
    }

    /// <summary>offset from 0, limit 1 to the dialect's page size (RDS 50, DDS 100), as documented.</summary>
    private static IResult? PagingProblem(IQueryCollection q, int defaultLimit, int maxLimit, out int offset, out int limit)
    {
        if (!TryInt(q["offset"], 0, out offset) || offset < 0)
        {
            limit = 0;
            return Json(400, SimulatorJson.Error("DBS.200001", $"offset '{q["offset"]}' is invalid: a whole number from 0."));
        }

        if (!TryInt(q["limit"], defaultLimit, out limit) || limit < 1 || limit > maxLimit)
        {
            return Json(400, SimulatorJson.Error("DBS.200001", $"limit '{q["limit"]}' is invalid: a whole number from 1 to {maxLimit}."));
        }

        return null;
    }

    /// <summary>The status filter takes the three documented words or nothing.</summary>
    private static IResult? StatusProblem(StringValues status) =>
        StringValues.IsNullOrEmpty(status) || status.ToString() is "Running" or "Completed" or "Failed"
            ? null
            : Json(400, SimulatorJson.Error("DBS.200001", $"status '{status}' is invalid: Running, Completed or Failed."));

    private static bool TryInt(StringValues value, int fallback, out int result)
    {
        if (StringValues.IsNullOrEmpty(value))
        {
            result = fallback;
            return true;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out result);
    }

    private static DateTime? TryMillis(StringValues value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime : null;

    internal static IResult Json(int status, byte[] body) => new SimulatorResponse(status, body);
}
