using System.Net;
using System.Text;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace TaskWatch.Alerts;

/// <summary>
/// Posts alert bodies with retries (exponential backoff with jitter) and a per-attempt timeout.
/// Owns its HttpClient, not the factory's: the factory's logging writes full request URLs, and a
/// webhook URL carries its receiver's secret. Only the host is ever logged.
/// </summary>
public sealed class AlertSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TimeSpan _attemptTimeout;
    private readonly ILogger<AlertSender> _logger;

    public AlertSender(AlertSetup setup, TimeProvider time, ILogger<AlertSender> logger)
    {
        _logger = logger;
        var o = setup.Options;
        _attemptTimeout = o.AttemptTimeout;
        // No redirects: a redirect would carry the body to an address nobody configured.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (o.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = o.Retries,
                Delay = o.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxDelay = TimeSpan.FromMinutes(2),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.TooManyRequests || r.StatusCode == HttpStatusCode.RequestTimeout),
            });
        }

        _pipeline = builder.AddTimeout(o.AttemptTimeout).Build();
    }

    public async Task<DeliveryOutcome> SendAsync(AlertChannel channel, string json, CancellationToken cancellationToken)
    {
        var attempts = 0;
        try
        {
            using var response = await _pipeline.ExecuteAsync(
                async ct =>
                {
                    Interlocked.Increment(ref attempts);
                    using var request = new HttpRequestMessage(HttpMethod.Post, channel.PostUrl) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                    // Only the status is wanted: the answer's body is never read, so a receiver that answers without end costs nothing.
                    return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return new DeliveryOutcome(true, attempts, null);
            }

            return Failed(channel, attempts, $"HTTP {(int)response.StatusCode}");
        }
        catch (TimeoutRejectedException)
        {
            return Failed(channel, attempts, $"no answer within {_attemptTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            // The message may name the address; the error kind does not.
            return Failed(channel, attempts, $"connection failed ({ex.HttpRequestError})");
        }
    }

    private DeliveryOutcome Failed(AlertChannel channel, int attempts, string error)
    {
        _logger.LogWarning("Alert delivery to channel {Channel} (host {Host}) failed after {Attempts} attempts: {Error}", channel.Name, channel.Host, attempts, error);
        return new DeliveryOutcome(false, attempts, error);
    }

    public void Dispose() => _http.Dispose();
}
