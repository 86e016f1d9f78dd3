using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace TaskWatch.Security;

/// <summary>
/// <c>/signin</c>: a small form (with an antiforgery token) that trades an API key for a cookie, so
/// the UI may change things when TaskWatch is exposed. <c>/signout</c> drops the cookie.
/// </summary>
public static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signin", (HttpContext context, IAntiforgery antiforgery, string? returnUrl) => Page(context, antiforgery, returnUrl, null)).ExcludeFromDescription();
        app.MapPost("/signin", SignInAsync).DisableAntiforgery().ExcludeFromDescription();
        app.MapPost("/signout", SignOutAsync).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, IAccessPolicy policy)
    {
        // Validated by hand: the form is plain HTML, not a bound parameter.
        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid form", detail: "The form's antiforgery token is missing or stale: reload /signin and try again.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var returnUrl = form["returnUrl"].ToString();
        if (policy is not AccessPolicy access || access.KeyName(form["key"].ToString()) is not { } name)
        {
            return Page(context, antiforgery, returnUrl, "That key is not one of the configured keys.", StatusCodes.Status401Unauthorized);
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(AccessPolicy.ChangeClaim, "true")], CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity)).ConfigureAwait(false);
        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl : "/");
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid form", detail: "The form's antiforgery token is missing or stale.");
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        return Results.LocalRedirect("/");
    }

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? problem, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var e = HtmlEncoder.Default;
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8" /><title>Sign in · TaskWatch</title><link rel="stylesheet" href="/css/taskwatch.css" /></head>
            <body class="signin">
            <main>
            <h1>Sign in to TaskWatch</h1>
            <p>Registering and stopping jobs need one of the API keys configured under TaskWatch:Access:ApiKeys.</p>
            {(problem is null ? string.Empty : $"<p role=\"alert\">{e.Encode(problem)}</p>")}
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

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
