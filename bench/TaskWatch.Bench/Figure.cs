namespace TaskWatch.Bench;

/// <summary>
/// One measured quantity of one run: the windows it was measured over and the one value that is
/// judged. The value is the median of the windows, so that one outlier window cannot decide it;
/// the largest window where the target says "each"; for a ratio, the ratio of the two sides'
/// medians in the same run (a ratio of single windows lets one spike on either side decide).
/// </summary>
public sealed record Figure(string Name, string Unit, IReadOnlyList<double> Windows, double Value, FigureTarget? Target)
{
    /// <summary>A short label for the findings' history line; null when the figure is not a headline.</summary>
    public string? Headline { get; init; }

    public static Figure Info(string name, string unit, IReadOnlyList<double> windows) =>
        new(name, unit, windows, Samples.Median(windows), null);

    public static Figure AtMost(string name, string unit, IReadOnlyList<double> windows, double limit) =>
        new(name, unit, windows, Samples.Median(windows), new FigureTarget(limit, FigureTarget.Bound.AtMost));

    public static Figure AtLeast(string name, string unit, IReadOnlyList<double> windows, double limit) =>
        new(name, unit, windows, Samples.Median(windows), new FigureTarget(limit, FigureTarget.Bound.AtLeast));

    /// <summary>A limit no single value may pass ("no task longer than …"): judged on the largest.</summary>
    public static Figure EachAtMost(string name, string unit, IReadOnlyList<double> windows, double limit) =>
        new(name, unit, windows, windows.Count > 0 ? windows.Max() : double.NaN, new FigureTarget(limit, FigureTarget.Bound.EachAtMost));

    /// <summary>A floor every single value must reach ("every minute at least …"): judged on the smallest.</summary>
    public static Figure EachAtLeast(string name, string unit, IReadOnlyList<double> windows, double limit) =>
        new(name, unit, windows, windows.Count > 0 ? windows.Min() : double.NaN, new FigureTarget(limit, FigureTarget.Bound.EachAtLeast));

    /// <summary>The p-th percentile of every value (not of windows), judged against an upper limit.</summary>
    public static Figure Percentile(string name, string unit, IReadOnlyList<double> values, double p, double limit) =>
        new(name, unit, values, values.Count > 0 ? Samples.Percentile(values, p) : double.NaN, new FigureTarget(limit, FigureTarget.Bound.AtMost));

    /// <summary>
    /// median(numerators) ÷ median(denominators), both sides' windows from the same run; the windows
    /// shown beside it are the pairwise ratios (when the sides have as many windows), for their spread only.
    /// </summary>
    public static Figure RatioAtMost(string name, IReadOnlyList<double> numerators, IReadOnlyList<double> denominators, double limit)
    {
        var pairs = numerators.Count == denominators.Count ? numerators.Zip(denominators, (a, b) => a / b).ToList() : [];
        return new(name, "×", pairs, Samples.Median(numerators) / Samples.Median(denominators), new FigureTarget(limit, FigureTarget.Bound.AtMost));
    }

    public Figure AsHeadline(string label) => this with { Headline = label };

    public static string Format(double value) => double.IsNaN(value) ? "n/a"
        : double.IsInfinity(value) ? "∞"
        : Math.Abs(value) >= 1000 || (Math.Abs(value) >= 10 && value == Math.Round(value)) ? value.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 10 ? value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)
        : value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    public string WithUnit(double value) => Format(value) + (Unit.Length > 0 ? " " + Unit : string.Empty);
}
