using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using TaskWatch.Security;

namespace TaskWatch.Api;

/// <summary>The document's description, its tags, the X-Api-Key scheme, and a relative server.</summary>
public sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string ApiKeyScheme = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "TaskWatch",
            Version = "v1",
            Description = "Tracks the asynchronous jobs of Open Telekom Cloud / Huawei Cloud RDS and DDS task centers. " +
                "Register a job once; TaskWatch polls it within each account's call budget, and any number of clients read, " +
                "wait for or stream its state without calling the cloud themselves. Errors are application/problem+json " +
                "with `title`, `detail` and, where one field is at fault, `field`. Times are UTC (ISO 8601).",
        };

        // The served document would otherwise name the address it was asked on, and the one written at
        // build time none: a relative server is the same in both and right wherever TaskWatch runs.
        document.Servers = [new OpenApiServer { Url = "/", Description = "This TaskWatch" }];
        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = "Jobs", Description = "Register, list, read, wait for and stop tracking jobs." },
            new() { Name = "Events", Description = "Job changes as Server-Sent Events." },
            new() { Name = "Alerts", Description = "The delivery log of alert messages." },
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = AccessPolicy.ApiKeyHeader,
            Description = "Needed for POST and DELETE when TaskWatch listens beyond loopback (or TaskWatch:Access:RequireKey=true); " +
                "for reading too when TaskWatch:Access:AnonymousRead=false. Keys are configured as hashes under TaskWatch:Access:ApiKeys.",
        };
        return Task.CompletedTask;
    }
}
