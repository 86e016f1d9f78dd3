using System.Text.RegularExpressions;
using TaskWatch.Configuration;
using TaskWatch.Core;

namespace TaskWatch.Alerts;

/// <summary>A configured rule, parsed: which events of which jobs go to which channels.</summary>
public sealed class AlertRule
{
    private readonly HashSet<AlertEvent> _events;
    private readonly HashSet<string> _projects;
    private readonly HashSet<CloudService> _services;
    private readonly Regex? _name;

    private AlertRule(string name, HashSet<AlertEvent> events, HashSet<string> projects, HashSet<CloudService> services, Regex? jobName, IReadOnlyList<AlertChannel> channels)
    {
        Name = name;
        _events = events;
        _projects = projects;
        _services = services;
        _name = jobName;
        Channels = channels;
    }

    public string Name { get; }

    public IReadOnlyList<AlertChannel> Channels { get; }

    public IReadOnlyCollection<AlertEvent> Events => _events;

    /// <summary>Parses validated options (the validator has named every bad value already).</summary>
    public static AlertRule From(string name, AlertRuleOptions o, IReadOnlyDictionary<string, AlertChannel> channels) => new(
        name,
        [.. o.On.Select(e => Enum.Parse<AlertEvent>(e, ignoreCase: true))],
        new HashSet<string>(o.Projects, StringComparer.OrdinalIgnoreCase),
        [.. o.Services.Select(s => Enum.Parse<CloudService>(s, ignoreCase: true))],
        string.IsNullOrWhiteSpace(o.JobName) ? null : Glob(o.JobName.Trim()),
        [.. o.Channels.Select(c => channels[c])]);

    public bool Matches(JobView job, AlertEvent e) =>
        _events.Contains(e)
        && (_projects.Count == 0 || _projects.Contains(job.Key.Project))
        && (_services.Count == 0 || _services.Contains(job.Service))
        && (_name is null || _name.IsMatch((job.Name ?? string.Empty).Trim()));

    /// <summary>"Create*" → ^Create.*$; everything but * and ? is literal; names are matched trimmed and case-insensitively.</summary>
    public static Regex Glob(string pattern) => new(
        "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        TimeSpan.FromMilliseconds(100));
}
