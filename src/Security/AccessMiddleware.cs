namespace TaskWatch.Security;

/// <summary>
/// Applies <see cref="IAccessPolicy"/>: changes through the REST API need a key (401 problem naming
/// the header); reading needs one only when anonymous reading is off, pages then send to /signin.
/// </summary>
public static class AccessMiddleware
{
    private static readonly string[] AlwaysOpen = ["/signin", "/signout", "/healthz", "/_framework", "/_content", "/css", "/js", "/favicon"];

    public static IApplicationBuilder UseAccessPolicy(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var policy = context.RequestServices.GetRequiredService<IAccessPolicy>();
        var path = context.Request.Path;
        var isApi = path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
        // A scraper cannot follow a sign-in page: /metrics is refused like the API (401 naming the header).
        var isMachine = isApi || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);
        var changes = !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method));
        if (isApi && changes && !policy.CanChange(context))
        {
            await Refuse(context, "Registering and stopping jobs need an API key").ConfigureAwait(false);
            return;
        }

        if (!policy.CanRead(context) && !AlwaysOpen.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            if (isMachine)
            {
                await Refuse(context, "Reading needs an API key").ConfigureAwait(false);
            }
            else
            {
                context.Response.Redirect("/signin?returnUrl=" + Uri.EscapeDataString(path + context.Request.QueryString));
            }

            return;
        }

        await next(context).ConfigureAwait(false);
    });

    /// <summary>The 401 answer naming the header; also for a read that would register a job (wait with register=true).</summary>
    public static Task Refuse(HttpContext context, string what)
    {
        var presented = !string.IsNullOrEmpty(context.Request.Headers[AccessPolicy.ApiKeyHeader].ToString());
        var detail = presented
            ? $"The {AccessPolicy.ApiKeyHeader} header does not match any configured key."
            : $"{what}: send it in the {AccessPolicy.ApiKeyHeader} header (TaskWatch is reachable beyond this machine).";
        context.Response.Headers.WWWAuthenticate = "ApiKey header=\"" + AccessPolicy.ApiKeyHeader + "\"";
        return Results.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "API key required",
            extensions: new Dictionary<string, object?> { ["field"] = AccessPolicy.ApiKeyHeader }).ExecuteAsync(context);
    }
}
