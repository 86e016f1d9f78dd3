namespace TaskWatch.Bench;

/// <summary>
/// One measured quantity over the repetitions, with its target. The verdict is taken on the
/// median (on the largest value for a target every value must meet); min and max are shown beside
/// it so a spread is visible.
/// </summary>
public sealed record Figure(string Name, string Unit, IReadOnlyList<double> Values, string Target, Func<double, bool>? Meets, bool JudgedOnMax = false)
{
    public static Figure Info(string name, string unit, IReadOnlyList<double> values) => new(name, unit, values, "—", null);

    public static Figure AtMost(string name, string unit, IReadOnlyList<double> values, double limit) =>
        new(name, unit, values, $"≤ {Format(limit)} {unit}".TrimEnd(), v => v <= limit);

    /// <summary>A limit no single value may pass ("no task longer than …"): judged on the maximum.</summary>
    public static Figure EachAtMost(string name, string unit, IReadOnlyList<double> values, double limit) =>
        new(name, unit, values, $"each ≤ {Format(limit)} {unit}".TrimEnd(), v => v <= limit, JudgedOnMax: true);

    public static Figure AtLeast(string name, string unit, IReadOnlyList<double> values, double limit) =>
        new(name, unit, values, $"≥ {Format(limit)} {unit}".TrimEnd(), v => v >= limit);

    public double Median => Samples.Median(Values);

    public string Verdict => Meets is null ? "info" : Values.Count == 0 || double.IsNaN(Median) ? "MISS (no data)" : Meets(JudgedOnMax ? Values.Max() : Median) ? "PASS" : "MISS";

    public static string Format(double value) => double.IsNaN(value) ? "n/a"
        : Math.Abs(value) >= 1000 ? value.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 10 ? value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)
        : value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
