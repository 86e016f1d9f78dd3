namespace TaskWatch.Alerts;

/// <summary><c>TaskWatch:Alerts:Channels:{name}</c>: one delivery target. Its URL is a secret: never logged or shown.</summary>
public sealed class AlertChannelOptions
{
    /// <summary>Webhook (generic JSON), Slack or Teams.</summary>
    public string Kind { get; set; } = "Webhook";

    public string? Url { get; set; }
}
