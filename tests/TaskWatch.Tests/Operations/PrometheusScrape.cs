using System.Globalization;

namespace TaskWatch.Tests.Operations;

/// <summary>One scrape of <c>/metrics</c> in Prometheus text format: every sample, summed per metric name.</summary>
public sealed class PrometheusScrape
{
    private readonly Dictionary<string, double> _sums = new(StringComparer.Ordinal);
    private readonly List<(string Name, string Labels, double Value)> _samples = [];

    private PrometheusScrape(string text)
    {
        Text = text;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            // name{labels} value [timestamp]; label values may hold spaces, so split after the closing brace.
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var close = line.LastIndexOf('}');
            var name = brace >= 0 ? line[..brace] : line[..line.IndexOf(' ', StringComparison.Ordinal)];
            var labels = brace >= 0 ? line[(brace + 1)..close] : string.Empty;
            var rest = (brace >= 0 ? line[(close + 1)..] : line[name.Length..]).Trim().Split(' ')[0];
            var value = double.Parse(rest, NumberStyles.Float, CultureInfo.InvariantCulture);
            _samples.Add((name, labels, value));
            _sums[name] = _sums.GetValueOrDefault(name) + value;
        }
    }

    public string Text { get; }

    public IEnumerable<string> Names => _sums.Keys;

    public static async Task<PrometheusScrape> TakeAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("/metrics", cancellationToken);
        response.EnsureSuccessStatusCode();
        return new PrometheusScrape(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public bool Has(string name) => _sums.ContainsKey(name);

    public double Sum(string name) => _sums.GetValueOrDefault(name);

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels contain <paramref name="label"/> (e.g. outcome="delivered").</summary>
    public double Sum(string name, string label) => _samples.Where(s => s.Name == name && s.Labels.Contains(label, StringComparison.Ordinal)).Sum(s => s.Value);

    public IEnumerable<string> Labels(string name) => _samples.Where(s => s.Name == name).Select(s => s.Labels);
}
