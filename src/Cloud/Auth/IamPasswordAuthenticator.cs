namespace TaskWatch.Cloud.Auth;

/// <summary>IAM password authentication: one cached token per (account, project).</summary>
public sealed class IamPasswordAuthenticator(string account, Uri iamEndpoint, string domain, string user, string password, IamTokenCache cache, IamTokenClient iam) : ICloudAuthenticator
{
    public async Task ApplyAsync(HttpRequestMessage request, CloudProject project, CancellationToken cancellationToken)
    {
        var token = await cache.GetAsync(account, project.ProjectId, ct => Issue(project, ct), cancellationToken).ConfigureAwait(false);
        Set(request, token);
    }

    public async Task<bool> RenewAfterRejectionAsync(HttpRequestMessage rejected, CloudProject project, CancellationToken cancellationToken)
    {
        var sent = rejected.Headers.TryGetValues(CloudHeaders.AuthToken, out var values) ? values.FirstOrDefault() : null;
        var token = await cache.RenewAfterRejectionAsync(account, project.ProjectId, sent, ct => Issue(project, ct), cancellationToken).ConfigureAwait(false);
        Set(rejected, token);
        return true;
    }

    private Task<IamToken> Issue(CloudProject project, CancellationToken cancellationToken) =>
        iam.IssueAsync(iamEndpoint, domain, user, password, new ProjectScope(project.ProjectId, ById: true), cancellationToken);

    private static void Set(HttpRequestMessage request, IamToken token)
    {
        request.Headers.Remove(CloudHeaders.AuthToken);
        request.Headers.TryAddWithoutValidation(CloudHeaders.AuthToken, token.Value);
    }
}
