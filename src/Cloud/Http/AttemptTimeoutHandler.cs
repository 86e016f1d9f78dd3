using Microsoft.Extensions.Options;
using Polly;
using TaskWatch.Configuration;

namespace TaskWatch.Cloud.Http;

/// <summary>One attempt may take at most <see cref="PollingOptions.RequestTimeout"/>; the retry around it decides what next.</summary>
public sealed class AttemptTimeoutHandler : DelegatingHandler
{
    private readonly ResiliencePipeline _pipeline;

    public AttemptTimeoutHandler(IOptions<TaskWatchOptions> options, TimeProvider time)
    {
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(options.Value.Polling.RequestTimeout)
            .Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(
            static async (state, ct) =>
            {
                var response = await state.Handler.SendCoreAsync(state.Request, ct).ConfigureAwait(false);
                // Read the body inside the timeout, so a server that sends headers and then stalls is cut off too.
                await response.Content.LoadIntoBufferAsync(ct).ConfigureAwait(false);
                return response;
            },
            (Handler: this, Request: request),
            cancellationToken).ConfigureAwait(false);

    private Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);
}
