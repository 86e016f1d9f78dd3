using TaskWatch.Api.Contracts;
using TaskWatch.Cloud;
using TaskWatch.Insight;

namespace TaskWatch.Api;

/// <summary><c>GET /api/instances/{project}/{instanceId}</c>: an instance's jobs, whether it is busy, its failures and usual durations.</summary>
public static class InstanceEndpoints
{
    public static IEndpointRouteBuilder MapInstanceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/instances/{project}/{instanceId}", GetAsync).WithTags("Instances").WithName("GetInstance").WithApiProblems()
            .WithSummary("One database instance: every job TaskWatch has seen on it, the one running now, failures and usual durations.")
            .WithDescription("Jobs newest first (the latest 200; `total` counts all), kept as long as TaskWatch keeps jobs, also after the cloud " +
                "forgot them. `busy` says a job runs on it now, since `busySince`: the cloud runs one operation at a time per instance. " +
                "404 when the project is unknown or TaskWatch has seen no job on that instance.")
            .Produces<InstanceResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> GetAsync(string project, string instanceId, InstanceReader reader, ProjectCatalog projects, CancellationToken cancellationToken)
    {
        if (projects.Find(project) is not { } known)
        {
            return ApiProblems.Create(StatusCodes.Status404NotFound, "Unknown project", $"No project '{ApiBodyReader.Printable(project)}' is configured.", ("field", "project"));
        }

        if (await reader.ReadAsync(known.Name, instanceId, cancellationToken).ConfigureAwait(false) is not { } report)
        {
            return ApiProblems.Create(StatusCodes.Status404NotFound, "Unknown instance",
                $"TaskWatch has seen no job on instance '{ApiBodyReader.Printable(instanceId)}' in project '{known.Name}'.", ("field", "instanceId"));
        }

        return Results.Json(new InstanceResponse(
            report.Project, report.InstanceId, report.InstanceName, report.IsBusy, report.BusySinceUtc,
            [.. report.Running.Select(JobResponses.From)], report.Failures,
            [.. report.Kinds.Select(k => new InstanceKindResponse(k.Name, k.Runs, k.Failed, k.Typical?.Median.TotalSeconds, k.Typical?.P90.TotalSeconds))],
            report.Total, [.. report.Jobs.Select(JobResponses.From)]), ApiJsonContext.Default.InstanceResponse);
    }
}
