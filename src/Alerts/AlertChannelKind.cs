namespace TaskWatch.Alerts;

/// <summary>The body shape a channel receives.</summary>
public enum AlertChannelKind
{
    /// <summary>TaskWatch's own JSON: job, state, failure reason, link.</summary>
    Webhook = 0,

    /// <summary>Slack incoming webhook: <c>text</c> plus blocks.</summary>
    Slack = 1,

    /// <summary>
    /// Microsoft Teams: an Adaptive Card for a Workflows webhook; a MessageCard when the URL is an Office 365
    /// connector's (<see cref="TeamsCard.IsConnectorUrl"/>).
    /// </summary>
    Teams = 2,

    /// <summary>Prometheus Alertmanager (the URL is its base address): <c>POST /api/v2/alerts</c>, resolved when the job's condition ends.</summary>
    Alertmanager = 3,
}
