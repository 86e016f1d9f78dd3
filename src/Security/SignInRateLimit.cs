using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace TaskWatch.Security;

/// <summary>
/// Posting <c>/signin</c>: <see cref="PermitsPerMinute"/> per client address a minute, whatever the outcome, so the
/// form cannot be used to try keys quickly even before <see cref="FailedAttemptThrottle"/> locks the client out.
/// </summary>
public static class SignInRateLimit
{
    public const string PolicyName = "signin";

    public const int PermitsPerMinute = 10;

    public static void Add(RateLimiterOptions options) => options.AddPolicy(PolicyName, context =>
        RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = PermitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
}
