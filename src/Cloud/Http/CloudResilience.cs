using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using TaskWatch.Configuration;

namespace TaskWatch.Cloud.Http;

/// <summary>
/// The job clients' resilience, as <c>Microsoft.Extensions.Http.Resilience</c> pipelines on the
/// injected <see cref="TimeProvider"/> (so a fake clock drives every delay and timeout in tests).
/// Two handlers: <see cref="ConfigureCall"/> around the whole call (total timeout → retry → circuit
/// breaker), <see cref="ConfigureAttempt"/> around one attempt on the wire. Authentication and the
/// call budget sit between them: each attempt is signed anew and pays for itself, and a wait for
/// the budget does not count against the attempt's timeout.
/// </summary>
public static class CloudResilience
{
    /// <summary>The breaker opens when half of at least this many calls to one endpoint in the sampling window failed.</summary>
    public const int BreakerMinimumThroughput = 20;

    public static readonly TimeSpan BreakerSamplingDuration = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Retries 5xx answers, attempt timeouts and dropped connections a bounded number of times with
    /// exponential back-off and jitter, or after the answer's Retry-After. 4xx answers (429
    /// included) go straight back: a 429 pauses the account in the budget handler, and the poller,
    /// not an immediate repeat, decides when to ask again.
    /// </summary>
    public static void ConfigureCall(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var polling = context.ServiceProvider.GetRequiredService<IOptions<TaskWatchOptions>>().Value.Polling;
        var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
        builder.TimeProvider = time;
        // Polly's telemetry logs and meters every execution; thousands of polls a second pay for
        // lines and metrics nobody reads (bench FINDINGS). The poller's own metrics say what a poll did.
        builder.TelemetryListener = null;
        builder
            .AddTimeout(TotalTimeout(polling))
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = polling.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = polling.RetryDelay,
                MaxDelay = polling.RequestTimeout,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException } => true,
                    // A Retry-After longer than an attempt may take is the poller's to wait out, not this call's.
                    { Result: { } r } => IsFailure(r) && !(CloudErrorClassifier.ReadRetryAfter(r, time) > polling.RequestTimeout),
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } r ? CloudErrorClassifier.ReadRetryAfter(r, time) : null),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = 0.5,
                MinimumThroughput = BreakerMinimumThroughput,
                SamplingDuration = BreakerSamplingDuration,
                BreakDuration = BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException } => true,
                    { Result: { } r } => IsFailure(r),
                    _ => false,
                }),
            });
    }

    /// <summary>One attempt may take at most <see cref="PollingOptions.RequestTimeout"/>, its body included.</summary>
    public static void ConfigureAttempt(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var polling = context.ServiceProvider.GetRequiredService<IOptions<TaskWatchOptions>>().Value.Polling;
        builder.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
        builder.TelemetryListener = null;
        builder.AddTimeout(polling.RequestTimeout);
    }

    /// <summary>
    /// Every attempt at its timeout with a wait as long between each: past that a call is stuck
    /// (on the budget, or on IAM), not slow.
    /// </summary>
    public static TimeSpan TotalTimeout(PollingOptions polling) => polling.RequestTimeout * (2 * polling.Retries + 1);

    private static bool IsFailure(HttpResponseMessage response) => response.StatusCode >= HttpStatusCode.InternalServerError;
}
