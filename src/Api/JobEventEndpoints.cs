using System.Globalization;
using Microsoft.Extensions.Options;
using TaskWatch.Api.Contracts;
using TaskWatch.Core;
using TaskWatch.Security;
using TaskWatch.Storage;

namespace TaskWatch.Api;

/// <summary><c>GET /api/events</c>: every stored change of a job as a Server-Sent Event, resumable with Last-Event-ID.</summary>
public static class JobEventEndpoints
{
    public const string EventType = "job";

    /// <summary>Sent first when a resume was further back than <c>TaskWatch:Api:MaxReplay</c>: the changes before were skipped.</summary>
    public const string ReplayTruncatedType = "replay-truncated";

    /// <summary>The <c>retry:</c> hint: how long a client waits before reconnecting.</summary>
    public const int RetryMilliseconds = 3000;

    private static readonly string[] Parameters = ["project", "service", "status"];

    public static IEndpointRouteBuilder MapJobEvents(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/events", Stream).WithTags("Events").WithName("StreamJobEvents")
            .WithSummary("Job changes as Server-Sent Events.")
            .WithDescription(
                "A `text/event-stream` of `job` events, one per observed change that TaskWatch stored (status, progress, end, failure " +
                "reason), in the order stored. Each event's `id` is the change's number: a client that reconnects with the " +
                "`Last-Event-ID` header (browsers' EventSource do it themselves) first receives every matching change it missed, " +
                "from the stored history, and none twice, at most TaskWatch:Api:MaxReplay of them: from further back the stream first " +
                "sends a `replay-truncated` event naming where it resumed. Without it the stream starts with the next change. The headers " +
                "and a `retry:` hint come at once, and an idle stream sends a comment line every TaskWatch:Api:StreamHeartbeat (15 s), so " +
                "proxies keep it open. Open streams are capped per client (TaskWatch:Api:MaxStreamsPerClient, 429) and in total " +
                "(TaskWatch:Api:MaxStreams, 503), each with Retry-After. Filters are optional.")
            .WithQueryParameter("project", ApiOperationDocs.Text(), "Only this configured project.")
            .WithEnumQueryParameter<CloudService>("service", "Only this cloud service.")
            .WithEnumQueryParameter<JobState>("status", "Only changes to this state.")
            .WithHeaderParameter("Last-Event-ID", new() { Type = Microsoft.OpenApi.JsonSchemaType.Integer, Format = "int64", Minimum = "0" },
                "The id of the last event received: the stream resumes after it.")
            .Produces<JobEventResponse>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithApiProblems();
        return app;
    }

    private static async Task Stream(
        HttpContext context, JobEventFeed feed, JobQueries queries, OpenRequestCaps caps, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var errors = new List<string>();
        ApiQueryNames.Check(query, Parameters, errors);
        var filter = new ChangeFilter(
            JobEndpoints.Text(query["project"]),
            JobEndpoints.Enum<CloudService>(query["service"], "service", errors),
            JobEndpoints.Enum<JobState>(query["status"], "status", errors));
        long? after = null;
        var lastEventId = context.Request.Headers["Last-Event-ID"].ToString();
        if (lastEventId.Length > 0)
        {
            if (long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                after = id;
            }
            else
            {
                errors.Add($"The Last-Event-ID header is '{ApiBodyReader.Printable(lastEventId)}': send the id of the last event received (a whole number).");
            }
        }

        if (errors.Count > 0)
        {
            await ApiProblems.Create(StatusCodes.Status400BadRequest, "Invalid events request", string.Join(" ", errors)).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        using var lease = await caps.Streams.EnterAsync(context).ConfigureAwait(false);
        if (lease is null)
        {
            return;
        }

        var api = options.Value;
        long? skippedTo = null;
        if (after is { } resume)
        {
            // A bounded replay: a client far behind (or sending 0) gets the latest MaxReplay changes, told what it missed.
            var newest = await queries.LastChangeIdAsync(cancellationToken).ConfigureAwait(false);
            if (newest - resume > api.MaxReplay)
            {
                skippedTo = newest - api.MaxReplay;
                after = skippedTo;
            }
        }

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // nginx buffers proxied answers unless told not to; a buffered stream reaches nobody.
        response.Headers["X-Accel-Buffering"] = "no";
        // The headers at once, with how long a client should wait before reconnecting.
        await WriteAsync(response, $": TaskWatch job events\nretry: {RetryMilliseconds}\n\n", cancellationToken).ConfigureAwait(false);
        if (skippedTo is { } from)
        {
            await WriteAsync(response, $"event: {ReplayTruncatedType}\ndata: {{\"requestedAfter\":{lastEventId},\"resumedAfter\":{from},\"maxReplay\":{api.MaxReplay}}}\n\n", cancellationToken).ConfigureAwait(false);
        }

        await using var events = feed.ReadAsync(after, filter, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            var next = events.MoveNextAsync().AsTask();
            while (true)
            {
                // Idle, a comment line every StreamHeartbeat: proxies and load balancers with an idle timeout keep the stream open.
                var beat = Task.Delay(api.StreamHeartbeat, cancellationToken);
                if (await Task.WhenAny(next, beat).ConfigureAwait(false) == beat)
                {
                    await beat.ConfigureAwait(false);
                    await WriteAsync(response, ": keep-alive\n\n", cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!await next.ConfigureAwait(false))
                {
                    return;
                }

                var e = events.Current;
                await WriteAsync(response, $"id: {e.Id.ToString(CultureInfo.InvariantCulture)}\nevent: {EventType}\ndata: {e.Data}\n\n", cancellationToken).ConfigureAwait(false);
                next = events.MoveNextAsync().AsTask();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
