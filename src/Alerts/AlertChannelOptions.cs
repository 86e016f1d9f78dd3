namespace TaskWatch.Alerts;

/// <summary><c>TaskWatch:Alerts:Channels:{name}</c>: one delivery target. Its URL is a secret: never logged or shown.</summary>
public sealed class AlertChannelOptions
{
    /// <summary>The <see cref="ResolveAfter"/> unless set: a day, long enough for an overdue job to end or be looked at.</summary>
    public static readonly TimeSpan DefaultResolveAfter = TimeSpan.FromHours(24);

    /// <summary>Webhook (generic JSON), Slack, Teams or Alertmanager.</summary>
    public string Kind { get; set; } = "Webhook";

    /// <summary>The receiver's URL; for Alertmanager its base address (e.g. https://alertmanager.example.com:9093/).</summary>
    public string? Url { get; set; }

    /// <summary>Alertmanager: how long a firing alert lasts unless TaskWatch resolves it sooner (overdue job ended, missing job found).</summary>
    public TimeSpan ResolveAfter { get; set; } = DefaultResolveAfter;

    /// <summary>Allows a plain http <see cref="Url"/> outside loopback (https is required otherwise: the URL and the body are the receiver's secrets).</summary>
    public bool AllowHttp { get; set; }
}
