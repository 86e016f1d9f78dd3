using System.Net;
using System.Text.Json;
using TaskWatch.Cloud.Http;
using TaskWatch.Cloud.Wire;

namespace TaskWatch.Cloud.Auth;

/// <summary><c>POST {iam}/v3/auth/tokens</c> with a password, scoped to one project (by id or by name).</summary>
public sealed class IamTokenClient(IIamApi iam, TimeProvider time)
{
    public async Task<IamToken> IssueAsync(Uri iamEndpoint, string domain, string user, string password, ProjectScope scope, CancellationToken cancellationToken)
    {
        var baseUri = iamEndpoint.AbsoluteUri.EndsWith('/') ? iamEndpoint : new Uri(iamEndpoint.AbsoluteUri + "/");
        using var response = await iam.IssueTokenAsync(baseUri, RequestBody(domain, user, password, scope), cancellationToken).ConfigureAwait(false);
        if (response.Content is OversizedContent)
        {
            throw new CloudAuthException($"IAM answered {(int)response.StatusCode} with a malformed answer: longer than TaskWatch:Polling:MaxAnswerBytes.");
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            // The message reaches a job's last error (UI, API, CSV): it names the scope, never the IAM user or the
            // domain, not even where IAM's own message repeats them.
            var error = CloudErrorClassifier.Classify(response.StatusCode, body, response.Content.Headers.ContentType?.MediaType, null);
            throw new CloudAuthException($"IAM refused a password token ({scope}): {Scrub(error.ToString(), user, domain)}");
        }

        if (!response.Headers.TryGetValues(CloudHeaders.SubjectToken, out var values) || values.FirstOrDefault() is not { Length: > 0 } token)
        {
            throw new CloudAuthException($"IAM answered {(int)response.StatusCode} without an {CloudHeaders.SubjectToken} header.");
        }

        return new IamToken(token, ReadExpiry(body));
    }

    /// <summary><paramref name="text"/> with every mention of the IAM user and the domain replaced by what they are.</summary>
    public static string Scrub(string text, string user, string domain)
    {
        // The longer first: a user name inside the domain name (or the reverse) must not leave half of the other.
        foreach (var (secret, stand) in new[] { (user, "(the IAM user)"), (domain, "(the domain)") }.OrderByDescending(p => p.Item1.Length))
        {
            if (secret.Length > 0)
            {
                text = text.Replace(secret, stand, StringComparison.OrdinalIgnoreCase);
            }
        }

        return text;
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
