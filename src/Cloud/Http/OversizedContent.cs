namespace TaskWatch.Cloud.Http;

/// <summary>
/// Stands in for an answer longer than <c>TaskWatch:Polling:MaxAnswerBytes</c>: no body, and a length that says
/// "too long" to every reader (the task-center clients refuse a body by its announced length; IAM's client looks
/// for this type). What was read of it is dropped.
/// </summary>
public sealed class OversizedContent : HttpContent
{
    public OversizedContent(long announced)
    {
        Headers.ContentLength = announced;
    }

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => Task.CompletedTask;

    protected override bool TryComputeLength(out long length)
    {
        length = Headers.ContentLength ?? 0;
        return true;
    }
}
