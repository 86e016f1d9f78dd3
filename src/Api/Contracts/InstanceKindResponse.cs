using System.ComponentModel;

namespace TaskWatch.Api.Contracts;

/// <summary>One kind of job (its name) on the instance.</summary>
public sealed record InstanceKindResponse(
    string Name,
    [property: Description("Finished runs TaskWatch has stored.")] int Runs,
    int Failed,
    [property: Description("Median duration of the completed runs, in seconds; null when none completed.")] double? UsualSeconds,
    double? UsualP90Seconds);
