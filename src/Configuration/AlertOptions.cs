namespace TaskWatch.Configuration;

/// <summary><c>TaskWatch:Alerts</c>: who hears of failed, overdue, vanished (and, if asked, completed) jobs.</summary>
public sealed class AlertOptions
{
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
