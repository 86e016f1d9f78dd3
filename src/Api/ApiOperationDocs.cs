using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace TaskWatch.Api;

/// <summary>
/// Endpoint metadata the framework cannot infer: query parameters that the handlers parse themselves
/// (to name a misspelt or repeated one), the problem answers every /api call can give, and examples.
/// </summary>
public static class ApiOperationDocs
{
    /// <summary>401 (key required) and 429 (rate limit) can answer any call under /api.</summary>
    public static TBuilder WithApiProblems<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    public static RouteHandlerBuilder WithJsonBodyProblems(this RouteHandlerBuilder builder) =>
        builder
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>
    /// The JSON body the handler reads itself (<see cref="ApiBodyReader"/>). Not <c>Accepts&lt;T&gt;</c>: that also makes
    /// routing refuse other content types with a bare 415 before the handler can say which type it got.
    /// </summary>
    public static RouteHandlerBuilder WithJsonBody<T>(this RouteHandlerBuilder builder, string example) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var name = typeof(T).Name;
            var document = context.Document!;
            if (document.Components?.Schemas?.ContainsKey(name) != true)
            {
                document.AddComponent(name, await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken).ConfigureAwait(false));
            }

            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = new OpenApiSchemaReference(name, document), Example = JsonNode.Parse(example) },
                },
            };
        });

    public static RouteHandlerBuilder WithQueryParameter(this RouteHandlerBuilder builder, string name, OpenApiSchema schema, string description) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Query, Required = false, Description = description, Schema = schema });
            return Task.CompletedTask;
        });

    /// <summary>A query parameter taking an enum's names, its schema one shared component (one enum type in a generated client).</summary>
    public static RouteHandlerBuilder WithEnumQueryParameter<T>(this RouteHandlerBuilder builder, string name, string description)
        where T : struct, Enum =>
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            var document = context.Document!;
            var id = typeof(T).Name;
            if (document.Components?.Schemas?.ContainsKey(id) != true)
            {
                document.AddComponent(id, Names<T>());
            }

            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name, In = ParameterLocation.Query, Required = false, Description = description, Schema = new OpenApiSchemaReference(id, document),
            });
            return Task.CompletedTask;
        });

    public static RouteHandlerBuilder WithHeaderParameter(this RouteHandlerBuilder builder, string name, OpenApiSchema schema, string description) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Header, Required = false, Description = description, Schema = schema });
            return Task.CompletedTask;
        });

    /// <summary>An example of the answer with that status.</summary>
    public static RouteHandlerBuilder WithExample(this RouteHandlerBuilder builder, int status, string json) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var content = operation.Responses?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?.Content;
            if (content is not null)
            {
                foreach (var media in content.Values)
                {
                    media.Example = JsonNode.Parse(json);
                }
            }

            return Task.CompletedTask;
        });

    public static OpenApiSchema Text() => new() { Type = JsonSchemaType.String };

    public static OpenApiSchema Time() => new() { Type = JsonSchemaType.String, Format = "date-time" };

    public static OpenApiSchema Flag() => new() { Type = JsonSchemaType.Boolean };

    private static OpenApiSchema Names<T>()
        where T : struct, Enum => new() { Type = JsonSchemaType.String, Enum = [.. Enum.GetNames<T>().Select(n => (JsonNode)JsonValue.Create(n))] };

    public static OpenApiSchema Whole(int minimum, int maximum, int fallback) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Maximum = maximum.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Default = JsonValue.Create(fallback),
    };
}
