using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace TaskWatch.Security;

/// <summary>
/// <c>/signin</c>: a small form (with an antiforgery token) that trades an API key for a cookie with the key's role.
/// Posting it is rate-limited per client (<see cref="SignInRateLimit"/>) and wrong keys lock the client out for
/// longer each time (<see cref="FailedAttemptThrottle"/>). <c>/signout</c> ends the session (also for open circuits).
/// </summary>
public static partial class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signin", (HttpContext context, IAntiforgery antiforgery, string? returnUrl) => Page(context, antiforgery, returnUrl, null))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/signin", SignInAsync).DisableAntiforgery().AllowAnonymous().RequireRateLimiting(SignInRateLimit.PolicyName).ExcludeFromDescription();
        app.MapGet("/signin/oidc", SingleSignOnAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit.PolicyName).ExcludeFromDescription();
        app.MapPost("/signout", SignOutAsync).DisableAntiforgery().AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context, IAntiforgery antiforgery, ApiKeyVerifier keys, FailedAttemptThrottle throttle, IAccessEvents events, TimeProvider time)
    {
        // Validated by hand: the form is plain HTML, not a bound parameter.
        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid form", detail: "The form's antiforgery token is missing or stale: reload /signin and try again.");
        }

        var client = context.Connection.RemoteIpAddress;
        if (throttle.LockedOut(client) is { } wait)
        {
            await AccessProblems.TooManyFailures(context, wait).ConfigureAwait(false);
            return Results.Empty;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var returnUrl = form["returnUrl"].ToString();
        if (keys.Verify(form["key"].ToString()) is not { } key)
        {
            throttle.Failed(client);
            LogFailed(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInEndpoints).FullName!), client?.ToString());
            await events.SignInFailedAsync(context, AccessClaims.ViaKey, "the key matches no configured key").ConfigureAwait(false);
            return Page(context, antiforgery, returnUrl, "That key is not one of the configured keys.", StatusCodes.Status401Unauthorized);
        }

        throttle.Succeeded(client);
        var user = AccessClaims.Create(key.Name, key.Role, AccessClaims.ViaKey, AccessSchemes.Cookie, time.GetUtcNow());
        await SignInCookieAsync(context, user, time).ConfigureAwait(false);
        await events.SignedInAsync(context, user).ConfigureAwait(false);
        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl : "/");
    }

    /// <summary>
    /// Off to the identity provider. Its discovery document is fetched first: a provider that is down makes the sign-in
    /// page say so (503), never a 500, and the key form stays usable.
    /// </summary>
    private static async Task<IResult> SingleSignOnAsync(HttpContext context, IAntiforgery antiforgery, IOptions<OidcOptions> oidc,
        IOptionsMonitor<OpenIdConnectOptions> handlers, string? returnUrl)
    {
        if (!oidc.Value.Enabled)
        {
            return Results.NotFound();
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await handlers.Get(AccessSchemes.Oidc).ConfigurationManager!.GetConfigurationAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or OperationCanceledException && !context.RequestAborted.IsCancellationRequested)
        {
            return Page(context, antiforgery, returnUrl, SignInProblems.Text(SignInProblems.Down), StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Challenge(new AuthenticationProperties { RedirectUri = IsLocal(returnUrl) ? returnUrl : "/" }, [AccessSchemes.Oidc]);
    }

    /// <summary>The cookie ends with the session's absolute lifetime (the cookie handler's own expiry is not sliding).</summary>
    public static Task SignInCookieAsync(HttpContext context, System.Security.Claims.ClaimsPrincipal user, TimeProvider time)
    {
        var lifetime = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AccessOptions>>().Value.SessionLifetime;
        return context.SignInAsync(AccessSchemes.Cookie, user, new AuthenticationProperties { IssuedUtc = time.GetUtcNow(), ExpiresUtc = time.GetUtcNow() + lifetime, AllowRefresh = false });
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, SessionCheck sessions, IAccessEvents events)
    {
        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid form", detail: "The form's antiforgery token is missing or stale.");
        }

        var signedIn = await context.AuthenticateAsync(AccessSchemes.Cookie).ConfigureAwait(false);
        if (signedIn.Principal is { } user)
        {
            sessions.End(user);
            await events.SignedOutAsync(context, user).ConfigureAwait(false);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        return Results.LocalRedirect("/signin?signedOut=true");
    }

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? problem, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var e = HtmlEncoder.Default;
        var signedOut = context.Request.Query["signedOut"] == "true" ? "<p role=\"status\">You are signed out.</p>" : string.Empty;
        problem ??= SignInProblems.Text(context.Request.Query["problem"]);
        var oidc = context.RequestServices.GetRequiredService<IOptions<OidcOptions>>().Value;
        var target = Uri.EscapeDataString(IsLocal(returnUrl) ? returnUrl! : "/");
        var singleSignOn = oidc.Enabled
            ? $"<p><a class=\"signin-sso\" href=\"/signin/oidc?returnUrl={e.Encode(target)}\" data-testid=\"sso\">Sign in with {e.Encode(oidc.DisplayName)}</a></p><p>Or with an API key:</p>"
            : string.Empty;
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8" /><title>Sign in · TaskWatch</title><link rel="stylesheet" href="/css/taskwatch.css" /></head>
            <body class="signin">
            <main>
            <h1>Sign in to TaskWatch</h1>
            {signedOut}
            {(problem is null ? string.Empty : $"<p role=\"alert\">{e.Encode(problem)}</p>")}
            {singleSignOn}
            <p>Sign in with one of the API keys configured under TaskWatch:Access:ApiKeys; its scope decides what you may do.</p>
            <form method="post" action="/signin">
            <input type="hidden" name="{e.Encode(tokens.FormFieldName)}" value="{e.Encode(tokens.RequestToken ?? string.Empty)}" />
            <input type="hidden" name="returnUrl" value="{e.Encode(IsLocal(returnUrl) ? returnUrl! : "/")}" />
            <label>API key <input type="password" name="key" autocomplete="current-password" required autofocus /></label>
            <button type="submit">Sign in</button>
            </form>
            </main>
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed sign-in from {Client}: the key matches no configured key")]
    private static partial void LogFailed(ILogger logger, string? client);
}
