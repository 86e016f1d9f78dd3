using System.Globalization;

namespace TaskWatch.Security;

/// <summary>The answers to a machine (under <c>/api</c>, <c>/metrics</c>, <c>/openapi</c>) that may not do what it asked: problem+json naming the header or the role.</summary>
public static class AccessProblems
{
    public static bool IsMachine(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase);

    public static bool Changes(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));

    /// <summary>401 naming the header (a scraper cannot follow a sign-in page).</summary>
    public static Task Unauthorized(HttpContext context)
    {
        var presented = !string.IsNullOrEmpty(context.Request.Headers[AccessPolicy.ApiKeyHeader].ToString());
        var what = Changes(context.Request) ? "Registering and stopping jobs need an API key" : "Reading needs an API key";
        var detail = presented
            ? $"The {AccessPolicy.ApiKeyHeader} header does not match any configured key."
            : $"{what}: send it in the {AccessPolicy.ApiKeyHeader} header (TaskWatch is reachable beyond this machine).";
        context.Response.Headers.WWWAuthenticate = "ApiKey header=\"" + AccessPolicy.ApiKeyHeader + "\"";
        return Results.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "API key required",
            extensions: new Dictionary<string, object?> { ["field"] = AccessPolicy.ApiKeyHeader }).ExecuteAsync(context);
    }

    /// <summary>403 naming who asked, the role they have and the one this needs.</summary>
    public static Task Forbidden(HttpContext context)
    {
        var user = context.User;
        var role = AccessClaims.RoleOf(user) ?? "no role";
        var needed = Changes(context.Request) ? AccessRoles.Operator : "a higher";
        var detail = $"'{user.Identity?.Name}' has the role {role}; this needs the role {needed} (for a key: scope change or admin).";
        return Results.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
            extensions: new Dictionary<string, object?> { ["role"] = role }).ExecuteAsync(context);
    }

    /// <summary>403 for a page (the audit for a non-Admin): plain HTML naming the role.</summary>
    public static Task ForbiddenPage(HttpContext context)
    {
        var role = System.Net.WebUtility.HtmlEncode(AccessClaims.RoleOf(context.User) ?? "no role");
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\" /><title>Not allowed · TaskWatch</title><link rel=\"stylesheet\" href=\"/css/taskwatch.css\" /></head>" +
            $"<body class=\"signin\"><main><h1>Not allowed</h1><p>Your role ({role}) does not open this page.</p><p><a href=\"/\">Back to the dashboard</a></p></main></body></html>");
    }

    /// <summary>429 with Retry-After, for a client locked out after failed keys or sign-ins.</summary>
    public static Task TooManyFailures(HttpContext context, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem($"Too many wrong keys or sign-ins from this client; try again in {seconds} s.",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed attempts",
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds }).ExecuteAsync(context);
    }
}
