using System.Text.Json;
using System.Text.RegularExpressions;

namespace TaskWatch.Tests.Operations;

/// <summary>The importable dashboard in docs/ and the metric names its panels' PromQL queries.</summary>
public static partial class GrafanaDashboard
{
    public static JsonDocument Load()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TaskWatch.sln")))
            {
                return JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.FullName, "docs", "grafana-dashboard.json")));
            }
        }

        throw new FileNotFoundException("docs/grafana-dashboard.json: no TaskWatch.sln above " + AppContext.BaseDirectory);
    }

    public static List<string> QueriedMetrics(JsonDocument dashboard)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
        {
            if (!panel.TryGetProperty("targets", out var targets))
            {
                continue;
            }

            foreach (var target in targets.EnumerateArray())
            {
                foreach (Match m in MetricName().Matches(target.GetProperty("expr").GetString() ?? string.Empty))
                {
                    names.Add(m.Value);
                }
            }
        }

        return [.. names];
    }

    /// <summary>A histogram's series share one name: taskwatch_poll_duration_seconds_bucket and _count are one metric.</summary>
    public static string BaseName(string name) => HistogramSuffix().Replace(name, string.Empty);

    [GeneratedRegex("taskwatch_[a-z_]+")]
    private static partial Regex MetricName();

    [GeneratedRegex("_(bucket|count|sum)$")]
    private static partial Regex HistogramSuffix();
}
