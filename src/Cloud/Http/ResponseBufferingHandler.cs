using System.Buffers;
using Microsoft.Extensions.Options;
using TaskWatch.Configuration;

namespace TaskWatch.Cloud.Http;

/// <summary>
/// Reads the answer's body inside the attempt timeout (it sits behind it), so a server that sends headers and then
/// stalls is cut off too, and reads at most <c>TaskWatch:Polling:MaxAnswerBytes</c> of it: a body announced or
/// streamed (chunked, no length) beyond that is replaced by an <see cref="OversizedContent"/>, which the clients
/// report as malformed. Buffering without a bound let one endless answer take the process's memory.
/// </summary>
public sealed class ResponseBufferingHandler(IOptions<TaskWatchOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var limit = options.Value.Polling.MaxAnswerBytes;
        try
        {
            var original = response.Content;
            if (original.Headers.ContentLength is { } announced && announced > limit)
            {
                response.Content = Oversized(original, announced);
                original.Dispose();
                return response;
            }

            byte[]? body;
            try
            {
                body = await ReadAtMostAsync(original, limit, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                // As the framework's own buffering reported it: a transport failure the clients classify.
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "The answer ended before its body was read: " + ex.Message, ex);
            }

            response.Content = body is null ? Oversized(original, limit + 1L) : Buffered(original, body);
            original.Dispose();
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>The body, or null once it passes <paramref name="limit"/> bytes (nothing more is read).</summary>
    private static async Task<byte[]?> ReadAtMostAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        if (content.Headers.ContentLength is { } length)
        {
            // Announced (and at most the limit, checked before): one array of that size, as the buffering before this did.
            var exact = new byte[length];
            await stream.ReadExactlyAsync(exact, cancellationToken).ConfigureAwait(false);
            return exact;
        }

        // Chunked: grown as it comes, and given up the moment it passes the limit.
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static ByteArrayContent Buffered(HttpContent original, byte[] body)
    {
        var content = new ByteArrayContent(body);
        CopyHeaders(original, content);
        content.Headers.ContentLength = body.Length;
        return content;
    }

    // The clients of the task centers refuse a body by its announced length, above their own 1 MB bound.
    private static OversizedContent Oversized(HttpContent original, long seen)
    {
        var content = new OversizedContent(Math.Max(seen, PollingOptions.MaxAnswerBytesLimit + 1L));
        CopyHeaders(original, content);
        return content;
    }

    private static void CopyHeaders(HttpContent from, HttpContent to)
    {
        foreach (var header in from.Headers)
        {
            if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                to.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }
    }
}
