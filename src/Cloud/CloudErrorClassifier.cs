using System.Net;
using System.Text;
using System.Text.Json;
using TaskWatch.Cloud.Wire;
using TaskWatch.Core;

namespace TaskWatch.Cloud;

/// <summary>Maps a non-success answer (status, error body, headers) onto a <see cref="CloudError"/>.</summary>
public static class CloudErrorClassifier
{
    private const int MaxMessageLength = 500;

    private static readonly HashSet<string> TokenCodes = new(StringComparer.OrdinalIgnoreCase) { "DBS.280056", "APIGW.0307", "DBS.280015" };
    private static readonly HashSet<string> ThrottleCodes = new(StringComparer.OrdinalIgnoreCase) { "DBS.280443", "APIGW.0308" };

    public static CloudError Classify(HttpStatusCode status, ReadOnlySpan<byte> body, string? contentType, TimeSpan? retryAfter) =>
        Classify(status, body, contentType, retryAfter, CloudErrorBody.Dbs);

    /// <summary>Classifies an answer of a service whose error body is <paramref name="shape"/>.</summary>
    public static CloudError Classify(HttpStatusCode status, ReadOnlySpan<byte> body, string? contentType, TimeSpan? retryAfter, CloudErrorBody shape)
    {
        var (code, message) = ReadErrorBody(body, contentType, (int)status, shape);
        var code429 = status == HttpStatusCode.TooManyRequests || (code is not null && ThrottleCodes.Contains(code));
        ReadOutcome outcome;
        if (code429)
        {
            outcome = ReadOutcome.Throttled;
        }
        else if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || (code is not null && TokenCodes.Contains(code)))
        {
            outcome = ReadOutcome.Unauthorized;
        }
        else if (status == HttpStatusCode.NotFound || (status == HttpStatusCode.BadRequest && code is not null && shape.NotFoundCodes.Contains(code)))
        {
            outcome = ReadOutcome.NotFound;
        }
        else if ((int)status >= 500)
        {
            outcome = ReadOutcome.ServerError;
        }
        else
        {
            outcome = ReadOutcome.Rejected;
        }

        return new CloudError(outcome, (int)status, code, message, outcome == ReadOutcome.Throttled ? retryAfter : null);
    }

    public static TimeSpan? ReadRetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static (string? Code, string Message) ReadErrorBody(ReadOnlySpan<byte> body, string? contentType, int status, CloudErrorBody shape)
    {
        if (body.IsEmpty)
        {
            return (null, $"empty body (HTTP {status}).");
        }

        try
        {
            using var error = JsonDocument.Parse(body.ToArray());
            if (error.RootElement.ValueKind == JsonValueKind.Object)
            {
                var code = Text(error.RootElement, shape.CodeName);
                var message = Text(error.RootElement, shape.MessageName);
                if (code is not null || message is not null)
                {
                    return (code?.Trim(), Cut(message ?? $"(no {shape.MessageName})"));
                }
            }
        }
        catch (JsonException)
        {
            // not a JSON error body: an HTML page from a gateway or load balancer, described below
        }

        var text = Encoding.UTF8.GetString(body.Length > 4096 ? body[..4096] : body);
        var kind = contentType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true || text.TrimStart().StartsWith('<')
            ? "an HTML page"
            : "a non-JSON body";
        return (null, $"{kind} of {body.Length} bytes (HTTP {status}): {Cut(Flatten(text))}");
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Flatten(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, MaxMessageLength));
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
            if (sb.Length >= MaxMessageLength)
            {
                break;
            }
        }

        return sb.ToString();
    }

    private static string Cut(string text) => text.Length <= MaxMessageLength ? text : text[..MaxMessageLength] + "…";
}
