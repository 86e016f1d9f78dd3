namespace TaskWatch.Core;

/// <summary>Every answer of a task center falls into exactly one of these.</summary>
public enum ReadOutcome
{
    Job,
    NotFound,
    Unauthorized,
    Throttled,
    ServerError,
    Malformed,
    Timeout,

    /// <summary>Refused for another reason (a 4xx the documents do not list for jobs).</summary>
    Rejected,

    /// <summary>No HTTP answer at all: connection refused, DNS, TLS.</summary>
    Unreachable,
}
