namespace TaskWatch.Cloud.Auth;

/// <summary>A token from configuration: sent as is, and nothing to renew when it is refused.</summary>
public sealed class FixedTokenAuthenticator(string token) : ICloudAuthenticator
{
    public Task ApplyAsync(HttpRequestMessage request, CloudProject project, CancellationToken cancellationToken)
    {
        request.Headers.Remove(CloudHeaders.AuthToken);
        request.Headers.TryAddWithoutValidation(CloudHeaders.AuthToken, token);
        return Task.CompletedTask;
    }

    public Task<bool> RenewAfterRejectionAsync(HttpRequestMessage rejected, CloudProject project, CancellationToken cancellationToken) => Task.FromResult(false);
}
