using ScottPlot;

namespace TaskWatch.Bench;

/// <summary>
/// The fleet's curve as a PNG (ScottPlot), four panels: CPU (top) and resident memory (bottom) per instance
/// (the median instance and the busiest), against the fleet's jobs at the most instances measured (left) and
/// against the number of instances at the most accounts measured (right); the sizes measured with the previous
/// change feed as open grey circles beside them.
/// </summary>
public static class FleetPlot
{
    public static void Write(IReadOnlyList<FleetResult> all, string path)
    {
        var results = all.Where(r => !r.Size.PreviousFeed).ToList();
        var previous = all.Where(r => r.Size.PreviousFeed).ToList();
        if (results.Count == 0)
        {
            (results, previous) = (previous, []);
        }

        var mostInstances = results.Max(r => r.Size.Instances);
        var byJobs = results.Where(r => r.Size.Instances == mostInstances).OrderBy(r => r.Size.Jobs).ToList();
        // The instance axis: the fleet measured on the most instance counts.
        var fleet = results.GroupBy(r => (r.Size.Accounts, r.Size.JobsPerAccount)).MaxBy(g => g.Select(r => r.Size.Instances).Distinct().Count())!.Key;
        var mostAccounts = fleet.Accounts;
        var byInstances = results.Where(r => (r.Size.Accounts, r.Size.JobsPerAccount) == fleet).OrderBy(r => r.Size.Instances).ToList();
        var jobsLabel = $"jobs in the fleet at the start ({mostInstances} instances)";
        var instancesLabel = $"TaskWatch instances ({mostAccounts} accounts, {byInstances[0].Size.Jobs:#,0} jobs)";

        // A new multiplot holds one plot already: it is the first panel.
        var multiplot = new Multiplot();
        var previousByJobs = previous.Where(r => r.Size.Instances == mostInstances).OrderBy(r => r.Size.Jobs).ToList();
        var previousByInstances = previous.Where(r => (r.Size.Accounts, r.Size.JobsPerAccount) == fleet).OrderBy(r => r.Size.Instances).ToList();
        // Legends where the lines are not: CPU rises with the jobs and falls with the instances; memory stays high.
        Fill(multiplot.GetPlot(0), byJobs, previousByJobs, r => r.Size.Jobs, "CPU per instance against the fleet's jobs", jobsLabel, "% of one core", i => i.CpuCores * 100, Alignment.UpperLeft);
        multiplot.AddPlot(Fill(new Plot(), byInstances, previousByInstances, r => r.Size.Instances, "CPU per instance against the instances", instancesLabel, "% of one core", i => i.CpuCores * 100, Alignment.UpperRight));
        multiplot.AddPlot(Fill(new Plot(), byJobs, previousByJobs, r => r.Size.Jobs, "Memory per instance against the fleet's jobs", jobsLabel, "MB resident", i => i.ResidentMegabytes, Alignment.LowerRight));
        multiplot.AddPlot(Fill(new Plot(), byInstances, previousByInstances, r => r.Size.Instances, "Memory per instance against the instances", instancesLabel, "MB resident", i => i.ResidentMegabytes, Alignment.LowerRight));
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(2, 2);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        multiplot.SavePng(path, 1400, 900);
    }

    private static Plot Fill(Plot plot, List<FleetResult> results, List<FleetResult> previous, Func<FleetResult, double> x, string title, string xLabel, string yLabel, Func<FleetInstanceFigures, double> y, Alignment legend)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        var xs = results.Select(x).ToArray();
        var median = plot.Add.Scatter(xs, [.. results.Select(r => Samples.Median([.. r.Instances.Select(y)]))], Colors.C0);
        median.LegendText = "median instance";
        median.MarkerSize = 8;
        var most = plot.Add.Scatter(xs, [.. results.Select(r => r.Instances.Max(y))], Colors.C1);
        most.LegendText = "largest instance";
        most.LinePattern = LinePattern.Dashed;
        most.MarkerSize = 8;
        if (previous.Count > 0)
        {
            var before = plot.Add.Scatter(previous.Select(x).ToArray(), [.. previous.Select(r => Samples.Median([.. r.Instances.Select(y)]))], Colors.Gray);
            before.LegendText = "median instance, previous feed (every poll re-read)";
            before.LineWidth = 0;
            before.MarkerShape = MarkerShape.OpenCircle;
            before.MarkerSize = 11;
        }

        plot.Axes.SetLimitsY(0, Math.Max(1, results.Concat(previous).Max(r => r.Instances.Max(y)) * 1.2));
        if (xs.Length == 1)
        {
            plot.Axes.SetLimitsX(0, xs[0] * 2);
        }

        plot.ShowLegend(legend);
        return plot;
    }
}
