using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TaskWatch.Cloud.Auth;

/// <summary>
/// SDK-HMAC-SHA256, the Huawei Cloud API gateway's request signature (FACTS.md gives the recipe and
/// two test vectors).
/// </summary>
public static class AkSkSigner
{
    public const string Algorithm = "SDK-HMAC-SHA256";
    public const string DateHeader = "X-Sdk-Date";
    public const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>Signs <paramref name="request"/> in place: adds X-Sdk-Date, X-Project-Id and Authorization.</summary>
    public static async Task SignAsync(HttpRequestMessage request, string accessKey, string secretKey, string? projectId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI to sign.");
        var date = now.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);
        request.Headers.Remove(DateHeader);
        request.Headers.TryAddWithoutValidation(DateHeader, date);
        if (projectId is not null)
        {
            request.Headers.Remove("X-Project-Id");
            request.Headers.TryAddWithoutValidation("X-Project-Id", projectId);
        }

        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}",
            ["x-sdk-date"] = date,
        };
        if (projectId is not null)
        {
            headers["x-project-id"] = projectId;
        }

        if (request.Content?.Headers.ContentType is { } contentType)
        {
            headers["content-type"] = contentType.ToString();
        }

        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var (signedHeaders, signature) = Sign(request.Method.Method, uri.AbsolutePath, uri.Query.TrimStart('?'), headers, body, secretKey, date);
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", $"{Algorithm} Access={accessKey}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    /// <summary>The signature for already-lowercased, trimmed headers; exposed for the test vectors.</summary>
    public static (string SignedHeaders, string Signature) Sign(string method, string path, string query, IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body, string secretKey, string sdkDate)
    {
        var canonical = CanonicalRequest(method, path, query, headers, body, out var signedHeaders);
        var stringToSign = $"{Algorithm}\n{sdkDate}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var signature = Hex(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(stringToSign)));
        return (signedHeaders, signature);
    }

    public static string CanonicalRequest(string method, string path, string query, IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body, out string signedHeaders)
    {
        var sorted = headers
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: h.Value.Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        signedHeaders = string.Join(';', sorted.Select(h => h.Name));
        var sb = new StringBuilder();
        sb.Append(method.ToUpperInvariant()).Append('\n');
        sb.Append(CanonicalUri(path)).Append('\n');
        sb.Append(CanonicalQuery(query)).Append('\n');
        foreach (var (name, value) in sorted)
        {
            sb.Append(name).Append(':').Append(value).Append('\n');
        }

        sb.Append('\n').Append(signedHeaders).Append('\n');
        sb.Append(Hex(SHA256.HashData(body)));
        return sb.ToString();
    }

    private static string CanonicalUri(string path)
    {
        var segments = path.Split('/').Select(s => Encode(Uri.UnescapeDataString(s)));
        var joined = string.Join('/', segments);
        return joined.EndsWith('/') ? joined : joined + "/";
    }

    private static string CanonicalQuery(string query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return string.Empty;
        }

        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p =>
            {
                var i = p.IndexOf('=', StringComparison.Ordinal);
                var key = Uri.UnescapeDataString(i < 0 ? p : p[..i]);
                var value = i < 0 ? string.Empty : Uri.UnescapeDataString(p[(i + 1)..]);
                return (Key: key, Value: value);
            })
            // The official SDK sorts the decoded keys, then a repeated key's decoded values (UTF-16
            // order, as JavaScript's sort), and encodes after: sorting the encoded text puts
            // 'a%3A' before 'a0', where the gateway expects 'a0' first.
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(p => $"{Encode(p.Key)}={Encode(p.Value)}"));
    }

    // Unreserved characters stay; everything else (space too) is %XX from its UTF-8 bytes.
    private static string Encode(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
