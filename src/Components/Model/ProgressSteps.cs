namespace TaskWatch.Components.Model;

/// <summary>
/// The detail page's progress-over-time series: time in the viewer's zone, 0–100 %. Progress is a
/// step function (it holds until the next read), so each read repeats the previous value first, and
/// the last value holds until now or the job's end.
/// </summary>
public static class ProgressSteps
{
    public static IReadOnlyList<(DateTime Time, double Percent)> Build(IReadOnlyList<ProgressPoint> points, DateTime endUtc, Func<DateTime, DateTime> toViewer)
    {
        if (points.Count == 0)
        {
            return [];
        }

        var steps = new List<(DateTime, double)>(points.Count * 2 + 1);
        double? previous = null;
        foreach (var p in points)
        {
            var at = toViewer(p.ObservedUtc);
            if (previous is { } prev)
            {
                steps.Add((at, prev));
            }

            previous = Math.Clamp(p.Progress, 0, 100);
            steps.Add((at, previous.Value));
        }

        if (endUtc > points[^1].ObservedUtc)
        {
            steps.Add((toViewer(endUtc), previous!.Value));
        }

        return steps;
    }
}
