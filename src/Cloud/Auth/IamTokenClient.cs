using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TaskWatch.Cloud.Wire;

namespace TaskWatch.Cloud.Auth;

/// <summary><c>POST {iam}/v3/auth/tokens</c> with a password, scoped to one project (by id or by name).</summary>
public sealed class IamTokenClient(HttpClient http, TimeProvider time)
{
    public async Task<IamToken> IssueAsync(Uri iamEndpoint, string domain, string user, string password, ProjectScope scope, CancellationToken cancellationToken)
    {
        var baseUri = iamEndpoint.AbsoluteUri.EndsWith('/') ? iamEndpoint : new Uri(iamEndpoint.AbsoluteUri + "/");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "v3/auth/tokens?nocatalog=true"))
        {
            Content = new ByteArrayContent(RequestBody(domain, user, password, scope)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            var error = CloudErrorClassifier.Classify(response.StatusCode, body, response.Content.Headers.ContentType?.MediaType, null);
            throw new CloudAuthException($"IAM refused a token for user '{user}' in account '{domain}' ({scope}): {error}");
        }

        if (!response.Headers.TryGetValues("X-Subject-Token", out var values) || values.FirstOrDefault() is not { Length: > 0 } token)
        {
            throw new CloudAuthException($"IAM answered {(int)response.StatusCode} without an X-Subject-Token header.");
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

    private static byte[] RequestBody(string domain, string user, string password, ProjectScope scope)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartObject("auth");
            w.WriteStartObject("identity");
            w.WriteStartArray("methods");
            w.WriteStringValue("password");
            w.WriteEndArray();
            w.WriteStartObject("password");
            w.WriteStartObject("user");
            w.WriteString("name", user);
            w.WriteString("password", password);
            w.WriteStartObject("domain");
            w.WriteString("name", domain);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("scope");
            w.WriteStartObject("project");
            w.WriteString(scope.ById ? "id" : "name", scope.Value);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return stream.ToArray();
    }
}
