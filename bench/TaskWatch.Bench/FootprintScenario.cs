using System.Diagnostics;

namespace TaskWatch.Bench;

/// <summary>
/// Scenario 4 (cold start): the built TaskWatch started as a child process with a fresh database,
/// timed to its first 200 on <c>/</c>. Resident memory is measured in scenario 3, which has the
/// tracked jobs and the open dashboards.
/// </summary>
public sealed class FootprintScenario(BenchSize size)
{
    public async Task<ScenarioReport> RunAsync()
    {
        var report = new ScenarioReport("4. Footprint — cold start");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var starts = new List<double>();
        for (var rep = 0; rep < (size.Quick ? 1 : size.Repetitions); rep++)
        {
            var clock = Stopwatch.StartNew();
            await using var child = ChildApp.Start(new Dictionary<string, string>());
            var ok = await child.WaitForOkAsync(http, TimeSpan.FromSeconds(30));
            starts.Add(ok ? clock.Elapsed.TotalSeconds : double.PositiveInfinity);
        }

        report.Add(Figure.AtMost("cold start to the first 200 on /", "s", starts, 3));
        report.Note($"`{Path.GetRelativePath(RepoPaths.Root(), ChildApp.Executable())}` started {size.Repetitions} times as a child process with a new empty database (migrations run) and the default configuration (demo simulator on), --urls on a free 127.0.0.1 port; the time runs from Process.Start to the first 200 of GET /. The file cache is warm after the first start.");
        report.Note("Resident memory with tracked jobs and open dashboards is in scenario 3's table.");
        return report;
    }
}
