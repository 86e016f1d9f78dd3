namespace TaskWatch.Configuration;

/// <summary>How often the poller reads jobs; defaults follow the API documents' warnings.</summary>
public sealed class PollingOptions
{
    /// <summary>Interval for a Running job whose progress moves.</summary>
    public TimeSpan RunningInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Cap for the interval of a Running job whose progress does not move, in a project read without the list API.</summary>
    public TimeSpan MaxRunningInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A new job is "not found" for a few seconds; within this grace it is retried quickly.</summary>
    public TimeSpan NotFoundGrace { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan NotFoundRetryInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Interval for a job marked NotFound after its grace period.</summary>
    public TimeSpan NotFoundInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Cap for the back-off after errors (5xx, timeouts, malformed bodies).</summary>
    public TimeSpan MaxErrorBackoff { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Calls in flight at once over all endpoints.</summary>
    public int MaxConcurrency { get; set; } = 32;

    /// <summary>Calls in flight at once to one endpoint.</summary>
    public int MaxConcurrencyPerEndpoint { get; set; } = 8;

    /// <summary>Retries of one call after a 5xx, a timeout or a dropped connection.</summary>
    public int Retries { get; set; } = 2;

    /// <summary>First retry delay; it doubles with each retry, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most a cloud answer may hold (task centers and IAM); the rest is never read.</summary>
    public const int MaxAnswerBytesLimit = 1 << 20;

    /// <summary>
    /// Bytes read of one task-center or IAM answer, at most <see cref="MaxAnswerBytesLimit"/> (a job body is a few KB, a list
    /// page some 100 KB). A longer answer is not read further and counts as malformed: a broken or hostile endpoint
    /// costs this much memory per call, never more.
    /// </summary>
    public int MaxAnswerBytes { get; set; } = MaxAnswerBytesLimit;
}
