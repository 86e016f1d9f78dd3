using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using TaskWatch.Api.Contracts;
using TaskWatch.Core;
using TaskWatch.Storage;

namespace TaskWatch.Api;

/// <summary><c>GET /api/events</c>: every stored change of a job as a Server-Sent Event, resumable with Last-Event-ID.</summary>
public static class JobEventEndpoints
{
    public const string EventType = "job";

    private static readonly string[] Parameters = ["project", "service", "status"];

    public static IEndpointRouteBuilder MapJobEvents(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/events", Stream).WithTags("Events").WithName("StreamJobEvents")
            .WithSummary("Job changes as Server-Sent Events.")
            .WithDescription(
                "A `text/event-stream` of `job` events, one per observed change that TaskWatch stored (status, progress, end, failure " +
                "reason), in the order stored. Each event's `id` is the change's number: a client that reconnects with the " +
                "`Last-Event-ID` header (browsers' EventSource do it themselves) first receives every matching change it missed, " +
                "from the stored history, and none twice. Without it the stream starts with the next change. Filters are optional.")
            .WithQueryParameter("project", ApiOperationDocs.Text(), "Only this configured project.")
            .WithEnumQueryParameter<CloudService>("service", "Only this cloud service.")
            .WithEnumQueryParameter<JobState>("status", "Only changes to this state.")
            .WithHeaderParameter("Last-Event-ID", new() { Type = Microsoft.OpenApi.JsonSchemaType.Integer, Format = "int64", Minimum = "0" },
                "The id of the last event received: the stream resumes after it.")
            .Produces<JobEventResponse>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithApiProblems();
        return app;
    }

    private static IResult Stream(HttpContext context, JobEventFeed feed, CancellationToken cancellationToken)
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
            return ApiProblems.Create(StatusCodes.Status400BadRequest, "Invalid events request", string.Join(" ", errors));
        }

        return TypedResults.ServerSentEvents(Events(feed, after, filter, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<string>> Events(JobEventFeed feed, long? after, ChangeFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in feed.ReadAsync(after, filter, cancellationToken).ConfigureAwait(false))
        {
            yield return new SseItem<string>(e.Data, EventType) { EventId = e.Id.ToString(CultureInfo.InvariantCulture) };
        }
    }
}
