using System.Net;
using TaskWatch.Cloud.Auth;

namespace TaskWatch.Cloud.Http;

/// <summary>Authenticates each request for its project's account; on 401/403 renews once and repeats.</summary>
public sealed class CloudAuthHandler(CloudAuthenticators authenticators) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var project = CloudRequest.ProjectOf(request);
        var authenticator = authenticators.For(project.Account);
        await authenticator.ApplyAsync(request, project, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
        {
            return response;
        }

        if (!await authenticator.RenewAfterRejectionAsync(request, project, cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        response.Dispose();
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
