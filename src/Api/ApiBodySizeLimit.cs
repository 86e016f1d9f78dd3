using Microsoft.AspNetCore.Http.Features;

namespace TaskWatch.Api;

/// <summary>
/// Kestrel's own body limit for <c>/api</c> (its default is 30 MB). Endpoints refuse more than
/// <see cref="ApiBodyReader.MaxBodyBytes"/> with a 413 problem; Kestrel's limit is a little higher
/// so that it can still drain a slightly-too-large body and the client reads that answer, while a
/// client streaming far more is cut off by the server whatever the endpoint does.
/// </summary>
public static class ApiBodySizeLimit
{
    public const long ServerLimitBytes = 4 * ApiBodyReader.MaxBodyBytes;

    public static IApplicationBuilder UseApiBodySizeLimit(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = ServerLimitBytes;
        }

        return next(context);
    });
}
