using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using TaskWatch.Configuration;

namespace TaskWatch.Cloud.Http;

/// <summary>
/// Retries 5xx answers, timeouts and dropped connections a bounded number of times with exponential
/// back-off and jitter. 4xx answers (429 included) go straight back to the caller: a 429 is the
/// poller's cue to slow the account down, not a reason to ask again at once.
/// </summary>
public sealed class CloudResilienceHandler : DelegatingHandler
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public CloudResilienceHandler(IOptions<TaskWatchOptions> options, TimeProvider time)
    {
        var polling = options.Value.Polling;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = polling.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = polling.RetryDelay,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => (int)r.StatusCode >= 500),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(
            static async (state, ct) => await state.Handler.SendCoreAsync(state.Request, ct).ConfigureAwait(false),
            (Handler: this, Request: request),
            cancellationToken).ConfigureAwait(false);

    private Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);
}
