using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace TaskWatch.Security;

/// <summary>
/// <c>TaskWatch:Api:RequestsPerMinute</c> per client IP on everything under <c>/api</c> (a sliding
/// minute in six steps); over it, a 429 problem with Retry-After. Pages and the circuit are not limited.
/// </summary>
public static class ApiRateLimits
{
    /// <summary>The limiter reads the same bound (and validated) <see cref="ApiOptions"/> as everything else, not a second binding.</summary>
    public static IServiceCollection AddApiRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApiOptions>>((o, api) => Configure(o, api.Value));
        return services;
    }

    private static void Configure(RateLimiterOptions o, ApiOptions api)
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        SignInRateLimit.Add(o);
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            api.RequestsPerMinute > 0 && context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                ? RateLimitPartition.GetSlidingWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = api.RequestsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    SegmentsPerWindow = 6,
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(string.Empty));
        o.OnRejected = (rejected, _) =>
        {
            var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(10);
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            var signIn = !rejected.HttpContext.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
            return new ValueTask(Results.Problem(
                signIn ? $"This client tried to sign in more than {SignInRateLimit.PermitsPerMinute} times in a minute; try again in {seconds} s." : $"This client sent more than {api.RequestsPerMinute} requests in a minute (TaskWatch:Api:RequestsPerMinute); try again in {seconds} s.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds }).ExecuteAsync(rejected.HttpContext));
        };
    }
}
