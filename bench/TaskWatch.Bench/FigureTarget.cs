namespace TaskWatch.Bench;

/// <summary>The limit a figure must meet, and on which side of it.</summary>
public sealed record FigureTarget(double Limit, FigureTarget.Bound Side)
{
    public enum Bound
    {
        AtMost,
        AtLeast,

        /// <summary>Every value at most the limit: the figure is the largest value.</summary>
        EachAtMost,
    }

    public bool Meets(double value) => Side == Bound.AtLeast ? value >= Limit : value <= Limit;

    public string Text(string unit) =>
        (Side switch { Bound.AtLeast => "≥ ", Bound.EachAtMost => "each ≤ ", _ => "≤ " }) + Figure.Format(Limit) + (unit.Length > 0 ? " " + unit : string.Empty);
}
