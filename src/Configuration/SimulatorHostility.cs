namespace TaskWatch.Configuration;

/// <summary>
/// Ways the built-in simulator misbehaves, per simulated project (demo: <c>TaskWatch:Demo:Hostile:*</c>
/// for every demo project). All off by default. Shares are fractions of answers from 0 to 1.
/// </summary>
public sealed class SimulatorHostility
{
    public static SimulatorHostility None => new();

    /// <summary>Added to every answer, in milliseconds.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Up to this much more, at random, in milliseconds.</summary>
    public int LatencyJitterMs { get; set; }

    /// <summary>Share answered 500, 502 or 503 with an HTML page or an empty body.</summary>
    public double ServerErrorShare { get; set; }

    /// <summary>More calls than this in one second are answered 429 with Retry-After; 0 is no limit.</summary>
    public int MaxRequestsPerSecond { get; set; }

    /// <summary>The Retry-After of those 429 answers, in whole seconds.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Share of would-be 200 answers sent truncated or as invalid JSON, still with status 200.</summary>
    public double MalformedShare { get; set; }

    /// <summary>Share of new jobs that report an unexpected status word while running (<c>Pending</c>, <c>running</c>).</summary>
    public double OddStatusShare { get; set; }

    /// <summary>Failed jobs give a failure reason of about 10 KB.</summary>
    public bool LongFailReasons { get; set; }

    /// <summary>Lifetime of IAM tokens for this project; null keeps the documented 24 h.</summary>
    public TimeSpan? TokenLifetime { get; set; }

    /// <summary>Every call is refused with 403: the credentials are not scoped to this project.</summary>
    public bool NotScoped { get; set; }
}
