using Scalar.AspNetCore;
using TaskWatch.Security;

namespace TaskWatch.Api;

/// <summary>
/// <c>/api-reference</c>: the OpenAPI document as a reference page (Scalar), served from TaskWatch itself. Offline: its
/// script comes from the package, not a CDN; no web fonts, telemetry or AI agent. Its one inline script carries a
/// per-request nonce that the content security policy names (<see cref="SecurityHeaders.ScriptNonce"/>).
/// </summary>
public static class ApiReferencePage
{
    public const string Path = "/api-reference";

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapScalarApiReference(Path, (options, context) =>
        {
            options.WithTitle("TaskWatch API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .AddDocument(ApiDocumentSetup.DocumentName)
                .DisableDefaultFonts();
            options.Telemetry = false;
            // Its toolbar offers the vendor's cloud services (share, generate SDK, deploy): nothing for a page served offline.
            options.ShowDeveloperTools = DeveloperToolsVisibility.Never;
            options.Agent = new ScalarAgentOptions { Disabled = true };
            options.Nonce = SecurityHeaders.ScriptNonce(context);
        });
        return app;
    }
}
