using Refit;
using TaskWatch.Cloud.Http;
using TaskWatch.Cloud.Wire;

namespace TaskWatch.Cloud.Auth;

/// <summary>
/// IAM's token call (api-docs: "Obtaining a User Token Through Password Authentication"). The
/// token comes in the X-Subject-Token header, so the answer comes back raw.
/// </summary>
public interface IIamApi
{
    [Post("/v3/auth/tokens?nocatalog=true")]
    Task<HttpResponseMessage> IssueTokenAsync(
        [Property(CloudRequest.EndpointKey)] Uri iamEndpoint,
        [Body(BodySerializationMethod.Serialized)] IamTokenRequestWire request,
        CancellationToken cancellationToken);
}
