namespace TaskWatch.Cloud.Http;

/// <summary>
/// Moves a request from the Refit client's placeholder base address onto its project's (or IAM
/// account's) endpoint, keeping any path prefix the endpoint has. First in the chain, so the
/// resilience pipeline behind it sees the real authority and keeps one circuit breaker per endpoint.
/// </summary>
public sealed class EndpointHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var relative = request.RequestUri ?? throw new InvalidOperationException("A cloud request has no URI.");
        // Refit's path starts with '/'; relative to the endpoint it must not, or the prefix is lost.
        request.RequestUri = new Uri(CloudRequest.BaseOf(request), relative.PathAndQuery.AsSpan(1).ToString());
        return base.SendAsync(request, cancellationToken);
    }
}
