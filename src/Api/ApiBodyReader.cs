using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TaskWatch.Api;

/// <summary>
/// Reads a JSON request body or answers why not: wrong content type (415), too large (413), not
/// JSON, wrong types or unknown fields (400), each naming the field and the reason.
/// </summary>
public static class ApiBodyReader
{
    public const long MaxBodyBytes = 1 << 20;

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, ApiProblems.Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                $"The body must be JSON (Content-Type: application/json); it was '{Printable(request.ContentType ?? "(none)")}'."));
        }

        if (request.ContentLength is > MaxBodyBytes)
        {
            return (null, TooLarge(request.ContentLength.Value));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return (null, TooLarge(null));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's limit (ApiBodySizeLimit) met first.
            return (null, TooLarge(null));
        }

        if (buffer.Length == 0)
        {
            return (null, ApiProblems.Create(StatusCodes.Status400BadRequest, "Empty body", "The request has no body; send a JSON object."));
        }

        try
        {
            var value = JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), type);
            return value is null
                ? (null, ApiProblems.Create(StatusCodes.Status400BadRequest, "Invalid body", "The body is JSON null; send a JSON object."))
                : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, ApiProblems.Create(StatusCodes.Status400BadRequest, "Invalid JSON body", Describe(ex), ("field", ex.Path)));
        }
    }

    private static IResult TooLarge(long? length) =>
        ApiProblems.Create(StatusCodes.Status413PayloadTooLarge, "Body too large",
            $"The body is {(length is { } n ? $"{n} bytes" : "larger than the limit")}; at most {MaxBodyBytes} bytes are accepted.");

    // The serializer's message names the field and the expected type; cut it before its hints.
    private static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var reason = cut > 0 ? message[..cut] : message;
        var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "the body" : $"field '{ex.Path}'";
        return $"Cannot read {where}: {Printable(reason)}";
    }

    /// <summary>Control characters are shown as code points, so a hostile value cannot forge lines in an answer.</summary>
    public static string Printable(string text)
    {
        var sb = new System.Text.StringBuilder(Math.Min(text.Length, 300));
        foreach (var c in text.Length > 300 ? text[..300] : text)
        {
            sb.Append(char.IsControl(c) ? $"\\u{(int)c:X4}" : c);
        }

        return text.Length > 300 ? sb.Append('…').ToString() : sb.ToString();
    }
}
