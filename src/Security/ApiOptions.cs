namespace TaskWatch.Security;

/// <summary><c>TaskWatch:Api</c>: limits of the REST API.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "TaskWatch:Api";

    /// <summary>Requests per minute to <c>/api</c> from one client IP address (sliding window); 0 turns the limit off.</summary>
    public int RequestsPerMinute { get; set; } = 1200;
}
