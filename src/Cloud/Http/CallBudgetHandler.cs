using System.Net;

namespace TaskWatch.Cloud.Http;

/// <summary>
/// Every attempt that reaches the network spends one call of the account's budget (retries and the
/// repeat after a token renewal included); a 429 pauses the whole account until Retry-After. A call
/// that may use only spare budget (<see cref="CallPriority.Spare"/>) takes a free place or is not sent.
/// </summary>
public sealed class CallBudgetHandler(AccountBudgets budgets, TimeProvider time) : DelegatingHandler
{
    /// <summary>Pause after a 429 that names no Retry-After.</summary>
    public static readonly TimeSpan DefaultThrottlePause = TimeSpan.FromSeconds(10);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var budget = budgets.For(CloudRequest.ProjectOf(request).Account);
        using var lease = CallPriority.IsSpare ? budget.AttemptAcquire(1) : await budget.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new NoSpareBudgetException();
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var wait = CloudErrorClassifier.ReadRetryAfter(response, time) ?? DefaultThrottlePause;
            budget.PauseUntil(time.GetUtcNow() + wait);
        }

        return response;
    }
}
