using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using TaskWatch.Cloud.Auth;
using TaskWatch.Core;

namespace TaskWatch.Simulator;

/// <summary>
/// The simulated HTTP APIs: IAM under <c>/iam</c> and each service's task center under its own prefix
/// (<see cref="SimulatorDialect.PathPrefix"/>), answering as the documents describe, with the
/// documented error bodies. What every dialect shares (credentials, paging, filters) is here.
/// </summary>
public static class SimulatorEndpoints
{
    public static void Map(IEndpointRouteBuilder app, TaskCenterSimulator sim)
    {
        app.MapPost("/iam/v3/auth/tokens", (Delegate)((HttpContext http) => IssueTokenAsync(http, sim)));
        // Every job API call passes the project's hostile modes (none by default) and is logged.
        foreach (var dialect in SimulatorDialects.All)
        {
            dialect.Map(app, sim);
        }
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

    /// <summary>The project's job with this id if the service would answer for it now: visible, of this service, at most 30 days old.</summary>
    internal static SimulatedJob? FindVisible(TaskCenterSimulator sim, SimulatorDialect dialect, string projectId, string? id, DateTime now)
    {
        var job = string.IsNullOrEmpty(id) ? null : sim.FindJob(projectId, id);
        return job is null || !job.IsVisible(now) || job.Kind.Service != dialect.Service || now - job.CreatedUtc > TimeSpan.FromDays(30) ? null : job;
    }

    /// <summary>The project's visible jobs of the service, newest first; <paramref name="statusOf"/> gives the status word the list would show.</summary>
    internal static List<SimulatedJob> Filter(IEnumerable<SimulatedJob> jobs, DateTime now, StringValues status, DateTime? from, DateTime? to, CloudService service, Func<SimulatedJob, string>? statusOf = null) =>
        [.. jobs
            .Where(j => j.Kind.Service == service && j.IsVisible(now))
            .Where(j => StringValues.IsNullOrEmpty(status) || string.Equals(statusOf is null ? j.StateAt(now).ToString() : statusOf(j), status, StringComparison.Ordinal))
            .Where(j => from is null || j.CreatedUtc >= from)
            .Where(j => to is null || j.CreatedUtc <= to)
            .OrderByDescending(j => j.CreatedUtc)
            .ThenBy(j => j.Id, StringComparer.Ordinal)];

    /// <summary>Null when the caller may read the project; else the error answer the clouds give.</summary>
    internal static IResult? Refuse(HttpContext http, TaskCenterSimulator sim, SimulatorDialect dialect, string projectId)
    {
        sim.CountRequest();
        var project = sim.FindProject(projectId);
        var code = http.Request.Headers.Authorization.ToString().StartsWith(AkSkSigner.Algorithm, StringComparison.Ordinal)
            ? SimulatorSignatureCheck.Check(http.Request, sim)
            : sim.CheckToken(http.Request.Headers[CloudHeaders.AuthToken].FirstOrDefault(), projectId);
        if (code is not null)
        {
            var status = code == "APIGW.0307" ? 401 : dialect.BadTokenStatus;
            return Json(status, SimulatorJson.Error(code, code switch
            {
                "APIGW.0307" => "The token must be updated.",
                "APIGW.0301" => "Incorrect IAM authentication information: the token is missing.",
                "APIGW.0303" => "Incorrect app authentication information: the signature does not match.",
                _ => "Invalid token.",
            }));
        }

        if (project is null || project.Service != dialect.Service)
        {
            return Json(404, SimulatorJson.Error("APIGW.0101", "The API does not exist or has not been published in the environment."));
        }

        return null;
    }

    /// <summary>offset from <paramref name="minOffset"/>, limit 1 to the dialect's page size (or one of <paramref name="allowedLimits"/>), as documented.</summary>
    internal static IResult? PagingProblem(SimulatorDialect dialect, IQueryCollection q, int defaultLimit, int maxLimit, out int offset, out int limit, int minOffset = 0, int[]? allowedLimits = null)
    {
        if (!TryInt(q["offset"], minOffset, out offset) || offset < minOffset)
        {
            limit = 0;
            return Json(400, dialect.Error("DBS.200001", $"offset '{q["offset"]}' is invalid: a whole number from {minOffset}."));
        }

        if (!TryInt(q["limit"], defaultLimit, out limit) || limit < 1 || limit > maxLimit || (allowedLimits is not null && !allowedLimits.Contains(limit)))
        {
            var allowed = allowedLimits is null ? $"a whole number from 1 to {maxLimit}" : string.Join(", ", allowedLimits);
            return Json(400, dialect.Error("DBS.200001", $"limit '{q["limit"]}' is invalid: {allowed}."));
        }

        return null;
    }

    /// <summary>The status filter takes the documented words (the three, unless told) or nothing.</summary>
    internal static IResult? StatusProblem(SimulatorDialect dialect, StringValues status, params string[] words)
    {
        string[] allowed = words.Length == 0 ? ["Running", "Completed", "Failed"] : words;
        return StringValues.IsNullOrEmpty(status) || allowed.Contains(status.ToString(), StringComparer.Ordinal)
            ? null
            : Json(400, dialect.Error("DBS.200001", $"status '{status}' is invalid: {string.Join(", ", allowed)}."));
    }

    /// <summary>A <c>yyyy-mm-ddThh:mm:ssZ</c> time: a numeric offset (<c>+0100</c>) or a literal Z; null for anything else.</summary>
    internal static DateTime? TryCloudTime(StringValues value) =>
        value.Count == 1 && TaskWatch.Cloud.CloudTimestamp.Parse(value.ToString()) is { Utc: { } utc } ? utc : null;

    internal static bool TryInt(StringValues value, int fallback, out int result)
    {
        if (StringValues.IsNullOrEmpty(value))
        {
            result = fallback;
            return true;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out result);
    }

    internal static DateTime? TryMillis(StringValues value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime : null;

    internal static IResult Json(int status, byte[] body) => new SimulatorResponse(status, body);
}
