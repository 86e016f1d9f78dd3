using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TaskWatch.Api;

/// <summary>
/// Says which operations take the X-Api-Key header, as the authorization policies decide (src/Security): changes need it
/// once TaskWatch is exposed; reading needs it only with anonymous reading off, so there it is optional.
/// </summary>
public sealed class ApiKeyOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var scheme = new OpenApiSecuritySchemeReference(ApiDocumentTransformer.ApiKeyScheme, context.Document);
        var keyed = new OpenApiSecurityRequirement { [scheme] = [] };
        var method = context.Description.HttpMethod ?? string.Empty;
        operation.Security = HttpMethods.IsGet(method) || HttpMethods.IsHead(method)
            ? [new OpenApiSecurityRequirement(), keyed]
            : [keyed];
        return Task.CompletedTask;
    }
}
