using TaskWatch.Core;

namespace TaskWatch.Cloud;

/// <summary>The answer to one single-job read: a job, or a classified error.</summary>
public sealed record JobReadResult(CloudJob? Job, CloudError? Error)
{
    public ReadOutcome Outcome => Error?.Outcome ?? ReadOutcome.Job;

    public static JobReadResult Ok(CloudJob job) => new(job, null);

    public static JobReadResult Failed(CloudError error) => new(null, error);
}
