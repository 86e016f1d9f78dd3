namespace TaskWatch.Cloud;

/// <summary>A parsed job, or why the body could not be read.</summary>
public sealed record JobParseResult(CloudJob? Job, string? Problem)
{
    public static JobParseResult Ok(CloudJob job) => new(job, null);

    public static JobParseResult Malformed(string problem) => new(null, problem);
}
