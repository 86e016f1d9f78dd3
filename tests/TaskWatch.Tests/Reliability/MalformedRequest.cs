namespace TaskWatch.Tests.Reliability;

/// <summary>One hostile request and a word its problem answer must contain (the field or the reason).</summary>
public sealed record MalformedRequest(string Name, HttpMethod Method, string Path, byte[]? Body, string? ContentType, string Mention, bool Chunked = false)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Path);
        if (Body is not null)
        {
            HttpContent content = Chunked ? new StreamContent(new MemoryStream(Body)) : new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }

            if (Chunked)
            {
                message.Headers.TransferEncodingChunked = true;
            }

            message.Content = content;
        }

        return message;
    }

    public override string ToString() => Name;
}
