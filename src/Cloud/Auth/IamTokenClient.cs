using System.Net;
using System.Text.Json;
using TaskWatch.Cloud.Wire;

namespace TaskWatch.Cloud.Auth;

/// <summary><c>POST {iam}/v3/auth/tokens</c> with a password, scoped to one project (by id or by name).</summary>
public sealed class IamTokenClient(IIamApi iam, TimeProvider time)
{
    public async Task<IamToken> IssueAsync(Uri iamEndpoint, string domain, string user, string password, ProjectScope scope, CancellationToken cancellationToken)
    {
        var baseUri = iamEndpoint.AbsoluteUri.EndsWith('/') ? iamEndpoint : new Uri(iamEndpoint.AbsoluteUri + "/");
        using var response = await iam.IssueTokenAsync(baseUri, RequestBody(domain, user, password, scope), cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            var error = CloudErrorClassifier.Classify(response.StatusCode, body, response.Content.Headers.ContentType?.MediaType, null);
            throw new CloudAuthException($"IAM refused a token for user '{user}' in account '{domain}' ({scope}): {error}");
        }

        if (!response.Headers.TryGetValues(CloudHeaders.SubjectToken, out var values) || values.FirstOrDefault() is not { Length: > 0 } token)
        {
            throw new CloudAuthException($"IAM answered {(int)response.StatusCode} without an {CloudHeaders.SubjectToken} header.");
        }

        return new IamToken(token, ReadExpiry(body));
    }

    private DateTimeOffset ReadExpiry(byte[] body)
    {
        try
        {
            var wire = JsonSerializer.Deserialize(body, CloudJsonContext.Default.IamTokenWire);
            if (DateTimeOffset.TryParse(wire?.Token?.ExpiresAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var expires))
            {
                return expires;
            }
        }
        catch (JsonException)
        {
            // fall through to the documented lifetime
        }

        // The documents give 24 h; assume less so a missing expires_at never outlives the token.
        return time.GetUtcNow().AddHours(12);
    }

    private static IamTokenRequestWire RequestBody(string domain, string user, string password, ProjectScope scope) =>
        new(new IamAuthWire(
            new IamIdentityWire(["password"], new IamPasswordWire(new IamUserWire(user, password, new IamNameWire(domain)))),
            new IamScopeWire(scope.ById ? new IamNameWire(null, scope.Value) : new IamNameWire(scope.Value))));
}
