using TaskWatch.Core;

namespace TaskWatch.Cloud;

/// <summary>Why a call brought no job: the class, and the cloud's own code and message (shown to users).</summary>
public sealed record CloudError(ReadOutcome Outcome, int? HttpStatus, string? ErrorCode, string Message, TimeSpan? RetryAfter = null)
{
    public override string ToString()
    {
        var status = HttpStatus is { } s ? $"HTTP {s}" : Outcome.ToString();
        var code = ErrorCode is null ? string.Empty : $" {ErrorCode}";
        return $"{status}{code}: {Message}";
    }
}
