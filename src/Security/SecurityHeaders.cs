namespace TaskWatch.Security;

/// <summary>
/// Headers on every answer (pages, API, errors, static files). The content security policy is what
/// Blazor Server and MudBlazor work under: scripts only from this origin (blazor.web.js, MudBlazor.min.js
/// and js/*, none inline, no eval), inline styles (MudThemeProvider writes the palette as a &lt;style&gt;
/// element, and the progress bars and popovers set style attributes), fonts and images from this origin
/// (the theme uses the system's font, icons are inline SVG), the circuit's WebSocket back to this origin,
/// no plugins, and no framing by anyone.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'{1}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'{0}; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy(context.Request);
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        return next(context);
    });

    /// <summary>
    /// For a page that must run one inline script (the API reference): a fresh nonce, named in this answer's policy
    /// only, so every other answer still allows no inline script at all.
    /// </summary>
    public static string ScriptNonce(HttpContext context)
    {
        var nonce = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        context.Response.Headers.ContentSecurityPolicy = Policy(context.Request, nonce);
        return nonce;
    }

    // Older browsers do not count ws: to the same host as 'self': name it. The host is validated by Kestrel.
    private static string Policy(HttpRequest request, string? nonce = null)
    {
        var host = request.Host;
        var socket = host.HasValue && IsPlainHost(host.Value) ? $" ws://{host.Value} wss://{host.Value}" : string.Empty;
        var script = nonce is null ? string.Empty : $" 'nonce-{nonce}'";
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, ContentSecurityPolicy, socket, script);
    }

    private static bool IsPlainHost(string host) =>
        host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']');
}
