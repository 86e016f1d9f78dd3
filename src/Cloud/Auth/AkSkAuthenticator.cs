namespace TaskWatch.Cloud.Auth;

/// <summary>AK/SK: every request signed anew (the gateway refuses more than 15 min of clock skew).</summary>
public sealed class AkSkAuthenticator(string accessKey, string secretKey, TimeProvider time) : ICloudAuthenticator
{
    public Task ApplyAsync(HttpRequestMessage request, CloudProject project, CancellationToken cancellationToken) =>
        AkSkSigner.SignAsync(request, accessKey, secretKey, project.ProjectId, time.GetUtcNow(), cancellationToken);

    public Task<bool> RenewAfterRejectionAsync(HttpRequestMessage rejected, CloudProject project, CancellationToken cancellationToken) => Task.FromResult(false);
}
