namespace TaskWatch.Cloud.Http;

/// <summary>
/// Reads the answer's body inside the attempt timeout (it sits behind it), so a server that sends
/// headers and then stalls is cut off too. A body that announces more than the clients read is
/// left unread: they refuse it by its length.
/// </summary>
public sealed class ResponseBufferingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength is not > TaskCenterClient.MaxBodyBytes)
        {
            try
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        return response;
    }
}
