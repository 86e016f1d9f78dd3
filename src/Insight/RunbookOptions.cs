namespace TaskWatch.Insight;

/// <summary>
/// One entry of <c>TaskWatch:Runbooks:&lt;name&gt;</c>: where to read what to do, for the jobs it matches. Every criterion
/// given must match (a regular expression, any case, against the job's name or its failure reason; the service
/// exactly); an entry with none matches every job that needs someone.
/// </summary>
public sealed class RunbookOptions
{
    /// <summary>The runbook's address (https, or http).</summary>
    public string? Url { get; set; }

    /// <summary>The link's text; the entry's name when not given.</summary>
    public string? Title { get; set; }

    /// <summary>A regular expression matched against the job's name (the operation, e.g. "Upgrade|Restart").</summary>
    public string? JobName { get; set; }

    /// <summary>A regular expression matched against the cloud's failure reason (e.g. "disk (is )?full").</summary>
    public string? FailReason { get; set; }

    /// <summary>Rds or Dds: only that service's jobs.</summary>
    public string? Service { get; set; }
}
