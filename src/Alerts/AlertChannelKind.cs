namespace TaskWatch.Alerts;

/// <summary>The body shape a channel receives.</summary>
public enum AlertChannelKind
{
    /// <summary>TaskWatch's own JSON: job, state, failure reason, link.</summary>
    Webhook = 0,

    /// <summary>Slack incoming webhook: <c>text</c> plus blocks.</summary>
    Slack = 1,

    /// <summary>Microsoft Teams incoming webhook: a MessageCard.</summary>
    Teams = 2,
}
