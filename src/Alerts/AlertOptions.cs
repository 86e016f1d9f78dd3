namespace TaskWatch.Alerts;

/// <summary>
/// <c>TaskWatch:Alerts</c>: who hears of failed, overdue, vanished (and, if asked, completed) jobs. Bound on its own (not a property of <c>TaskWatchOptions</c>): the feature that reads it owns it.
/// </summary>
public sealed class AlertOptions
{
    public const string SectionName = "TaskWatch:Alerts";

    /// <summary>The address people open TaskWatch at, for the link in each alert (e.g. https://taskwatch.example.com/).</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Retries after the first attempt of one delivery.</summary>
    public int Retries { get; set; } = 4;

    /// <summary>The first retry's delay; later ones double (with jitter).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public Dictionary<string, AlertRuleOptions> Rules { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, AlertChannelOptions> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
