using Microsoft.Extensions.Options;
using TaskWatch.Core;

namespace TaskWatch.Alerts;

/// <summary>The parsed alert configuration: channels, rules, and the public address links point to.</summary>
public sealed class AlertSetup
{
    public AlertSetup(IOptions<AlertOptions> options)
    {
        var a = options.Value;
        Channels = a.Channels.ToDictionary(
            c => c.Key,
            c => new AlertChannel(c.Key, Enum.Parse<AlertChannelKind>(c.Value.Kind, ignoreCase: true), new Uri(c.Value.Url!)) { ResolveAfter = c.Value.ResolveAfter },
            StringComparer.OrdinalIgnoreCase);
        Rules = [.. a.Rules.Select(r => AlertRule.From(r.Key, r.Value, Channels))];
        PublicBaseUrl = a.PublicBaseUrl is { } url ? new Uri(url.EndsWith('/') ? url : url + "/") : null;
        Options = a;
    }

    public IReadOnlyDictionary<string, AlertChannel> Channels { get; }

    public IReadOnlyList<AlertRule> Rules { get; }

    public Uri? PublicBaseUrl { get; }

    public AlertOptions Options { get; }

    /// <summary>The job's detail page at its acknowledge control (<c>#ack</c>), for the link in an alert.</summary>
    public Uri? LinkTo(JobKey key) => PublicBaseUrl is null
        ? null
        : new Uri(PublicBaseUrl, JobLink.PathOf(key) + "#ack");
}
