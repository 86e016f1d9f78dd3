using System.ComponentModel;

namespace TaskWatch.Api.Contracts;

/// <summary>What TaskWatch knows of one database instance (the same as the page /instances/{project}/{instanceId}).</summary>
public sealed record InstanceResponse(
    string Project,
    string InstanceId,
    string? InstanceName,
    [property: Description("A job is running on the instance now: the cloud refuses a second operation on it as a conflict.")] bool Busy,
    [property: Description("When the earliest job running on it started (UTC).")] DateTime? BusySince,
    IReadOnlyList<JobResponse> Running,
    [property: Description("Failed jobs among those stored (at most the latest 2,000 finished).")] int Failures,
    IReadOnlyList<InstanceKindResponse> Kinds,
    [property: Description("Every job TaskWatch has stored for the instance.")] int Total,
    [property: Description("The newest jobs, newest first (at most 200).")] IReadOnlyList<JobResponse> Jobs);
