namespace TaskWatch.Core;

/// <summary>
/// What a task id may look like: the clouds hand out UUIDs and 32 hex digits; anything outside
/// letters, digits and '-' (or longer than 64) cannot be a task id and is refused before any call.
/// </summary>
public static class JobIdRules
{
    public const int MaxLength = 64;

    /// <summary>Null when the id is acceptable, else why not.</summary>
    public static string? Check(string? jobId)
    {
        if (string.IsNullOrEmpty(jobId))
        {
            return "a job id cannot be empty.";
        }

        if (jobId.Length > MaxLength)
        {
            return $"a job id has at most {MaxLength} characters; this one has {jobId.Length}.";
        }

        foreach (var c in jobId)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return $"a job id has only letters, digits and '-'; found {Describe(c)}.";
            }
        }

        return null;
    }

    private static string Describe(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}
