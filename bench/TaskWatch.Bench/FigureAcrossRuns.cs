namespace TaskWatch.Bench;

/// <summary>
/// One figure over the runs of a <c>--repeat</c>: each run's value, the value judged across them
/// (their median, or their largest where the target says "each") and their spread. Where the spread
/// is wider than the distance from that value to the target, another run could land on the other
/// side, so the verdict is said to be not settled.
/// </summary>
public sealed class FigureAcrossRuns(IReadOnlyList<Figure> runs, bool quick)
{
    public Figure First => runs[0];

    public string Name => First.Name;

    public string Unit => First.Unit;

    public FigureTarget? Target => First.Target;

    public IReadOnlyList<double> Values { get; } = runs.Select(r => r.Value).ToList();

    public int Runs => Values.Count;

    public bool HasData => Values.Count > 0 && !Values.Any(double.IsNaN);

    public double Value => !HasData ? double.NaN
        : Target?.Side == FigureTarget.Bound.EachAtMost ? Values.Max()
        : Target?.Side == FigureTarget.Bound.EachAtLeast ? Values.Min()
        : Samples.Median(Values);

    /// <summary>Largest minus smallest run value; NaN with a single run.</summary>
    public double Spread => Runs > 1 && HasData ? Values.Max() - Values.Min() : double.NaN;

    /// <summary>Null where there is no target or only one run to tell a spread from.</summary>
    public bool? Settled => Target is null || Runs < 2 || !HasData ? null : Spread <= Math.Abs(Value - Target.Limit);

    public string Verdict
    {
        get
        {
            if (Target is null)
            {
                return "info";
            }

            if (quick)
            {
                return "info (quick run)";
            }

            if (!HasData)
            {
                return "MISS (no data)";
            }

            var verdict = Target.Meets(Value) ? "PASS" : "MISS";
            return Settled == false ? verdict + ", not settled" : verdict;
        }
    }

    /// <summary>The windows of one run, as "n: min – max" (a single window shows nothing).</summary>
    public static string WindowsText(Figure figure) =>
        figure.Windows.Count < 2 ? "—" : $"{figure.Windows.Count}: {figure.WithUnit(figure.Windows.Min())} – {figure.WithUnit(figure.Windows.Max())}";
}
