using System.Globalization;

namespace TaskWatch.Components.Model;

/// <summary>
/// The geometry of the detail page's progress-over-time chart, drawn as inline SVG: time runs left
/// to right from the first to the last observation, 0–100 % bottom to top. Progress is a step
/// function (it holds until the next read), so each point repeats the previous value first.
/// </summary>
public sealed record ProgressChartShape(string Points, DateTime StartUtc, DateTime EndUtc, int Width, int Height)
{
    public bool IsEmpty => Points.Length == 0;

    public static ProgressChartShape Build(IReadOnlyList<ProgressPoint> points, DateTime nowUtc, int width, int height)
    {
        if (points.Count == 0)
        {
            return new ProgressChartShape(string.Empty, nowUtc, nowUtc, width, height);
        }

        var start = points[0].ObservedUtc;
        var end = nowUtc > points[^1].ObservedUtc ? nowUtc : points[^1].ObservedUtc;
        var span = Math.Max(1, (end - start).TotalSeconds);
        var parts = new List<string>();
        int? previous = null;
        foreach (var p in points)
        {
            var x = (p.ObservedUtc - start).TotalSeconds / span * width;
            if (previous is { } prev)
            {
                parts.Add(Point(x, Y(prev, height)));
            }

            parts.Add(Point(x, Y(p.Progress, height)));
            previous = p.Progress;
        }

        // The last value holds until now (or the job's end).
        parts.Add(Point(width, Y(previous!.Value, height)));
        return new ProgressChartShape(string.Join(' ', parts), start, end, width, height);
    }

    private static double Y(int progress, int height) => height - (Math.Clamp(progress, 0, 100) / 100.0 * height);

    private static string Point(double x, double y) => string.Create(CultureInfo.InvariantCulture, $"{x:0.#},{y:0.#}");
}
