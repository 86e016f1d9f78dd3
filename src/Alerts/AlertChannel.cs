namespace TaskWatch.Alerts;

/// <summary>A configured delivery target. <see cref="Url"/> is a secret: log and show <see cref="Host"/> only.</summary>
public sealed record AlertChannel(string Name, AlertChannelKind Kind, Uri Url)
{
    public string Host => Url.Host;

    public override string ToString() => $"{Name} ({Kind}, {Host})";
}
