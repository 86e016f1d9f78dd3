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

        /// <summary>Every value at least the limit: the figure is the smallest value.</summary>
        EachAtLeast,
    }

    public bool Meets(double value) => Side is Bound.AtLeast or Bound.EachAtLeast ? value >= Limit : value <= Limit;

    public string Text(string unit) =>
        (Side switch { Bound.AtLeast => "≥ ", Bound.EachAtMost => "each ≤ ", Bound.EachAtLeast => "each ≥ ", _ => "≤ " }) + Figure.Format(Limit) + (unit.Length > 0 ? " " + unit : string.Empty);
}
