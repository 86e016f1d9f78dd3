using TaskWatch.Alerts;

namespace TaskWatch.Api;

/// <summary><c>GET /api/alerts/deliveries</c>: the delivery log, newest first.</summary>
public static class AlertEndpoints
{
    public static IEndpointRouteBuilder MapAlertApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/alerts/deliveries", ListAsync).WithTags("Alerts").WithName("ListAlertDeliveries").WithSummary("The latest alert deliveries, newest first.")
            .WithDescription("take: how many (1–1000, default 100).")
            .Produces<List<AlertDeliveryResponse>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithApiProblems();
        return app;
    }

    private static async Task<IResult> ListAsync(AlertDeliveryLog log, string? take, CancellationToken cancellationToken)
    {
        var count = 100;
        if (take is not null && (!int.TryParse(take, out count) || count is < 1 or > AlertDeliveryLog.MaxTake))
        {
            return ApiProblems.Create(StatusCodes.Status400BadRequest, "Invalid take", $"take is '{ApiBodyReader.Printable(take)}': use a whole number from 1 to {AlertDeliveryLog.MaxTake}.", ("field", "take"));
        }

        var list = await log.RecentAsync(count, cancellationToken).ConfigureAwait(false);
        return Results.Json(list, AlertJsonContext.Default.ListAlertDeliveryResponse);
    }
}
