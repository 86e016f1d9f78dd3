namespace TaskWatch.Api;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> (also written to docs/openapi.json at build time):
/// operations come from the endpoints' own metadata; the transformers add what no endpoint states.
/// </summary>
public static class ApiDocumentSetup
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddTaskWatchOpenApi(this IServiceCollection services) => services.AddOpenApi(DocumentName, o =>
    {
        o.AddDocumentTransformer<ApiDocumentTransformer>();
        o.AddOperationTransformer<ApiKeyOperationTransformer>();
        o.AddSchemaTransformer<ProblemSchemaTransformer>();
    });
}
