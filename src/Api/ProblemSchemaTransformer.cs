using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TaskWatch.Api;

/// <summary>The members <see cref="ApiProblems"/> adds to a problem, so clients can read them and examples validate.</summary>
public sealed class ProblemSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type != typeof(ProblemDetails))
        {
            return Task.CompletedTask;
        }

        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["field"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request field, query parameter or header at fault." };
        schema.Properties["value"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The value given for that field, control characters shown as code points." };
        schema.Properties["retryAfterSeconds"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "429 only: when to try again (also the Retry-After header)." };
        schema.Properties["results"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = "A refused batch: what happened to each item.",
            Items = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = new OpenApiSchema() },
        };
        schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace id, for the server's logs." };
        schema.Examples = [JsonNode.Parse(ApiExamples.UnknownProject)!];
        return Task.CompletedTask;
    }
}
