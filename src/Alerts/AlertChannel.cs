namespace TaskWatch.Alerts;

/// <summary>A configured delivery target. <see cref="Url"/> is a secret: log and show <see cref="Host"/> only.</summary>
public sealed record AlertChannel(string Name, AlertChannelKind Kind, Uri Url)
{
    /// <summary>Alertmanager: how long a firing alert lasts unless TaskWatch resolves it sooner.</summary>
    public TimeSpan ResolveAfter { get; init; } = AlertChannelOptions.DefaultResolveAfter;

    public string Host => Url.Host;

    /// <summary>Where bodies are posted: the URL itself, or Alertmanager's alerts API under it.</summary>
    public Uri PostUrl => Kind == AlertChannelKind.Alertmanager
        ? new Uri(Url.AbsoluteUri.EndsWith('/') ? Url : new Uri(Url.AbsoluteUri + "/"), AlertmanagerAlert.AlertsPath)
        : Url;

    public override string ToString() => $"{Name} ({Kind}, {Host})";
}
