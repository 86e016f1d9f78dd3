using System.Diagnostics;

namespace TaskWatch.Bench;

/// <summary>
/// Scenario 4 (cold start): the built TaskWatch started as a child process with a fresh database,
/// timed to its first 200 on <c>/</c>. Resident memory is measured in scenario 3, which has the
/// tracked jobs and the open dashboards.
/// </summary>
public sealed class FootprintScenario(BenchSize size)
{
    // Published once per bench process: a --repeat measures the same build every run, and the
    // publish (a minute on 2 cores) is not what is measured.
    private static readonly Lazy<Task<string>> Published = new(PublishOnceAsync);

    public async Task<ScenarioReport> RunAsync()
    {
        var report = new ScenarioReport("4. Footprint — cold start");
        await MeasureAsync(report, await Published.Value);
        return report;
    }

    private static async Task<string> PublishOnceAsync()
    {
        var folder = RepoPaths.TempFolder();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RepoPaths.DeleteQuietly(folder);
        try
        {
            return await PublishAsync(folder);
        }
        catch
        {
            RepoPaths.DeleteQuietly(folder);
            throw;
        }
    }

    /// <summary>The app as the Dockerfile ships it: `dotnet publish`, framework-dependent, ReadyToRun (TaskWatch.csproj).</summary>
    private static async Task<string> PublishAsync(string folder)
    {
        var info = new ProcessStartInfo("dotnet", ["publish", Path.Combine(RepoPaths.Root(), "TaskWatch.csproj"), "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-o", folder, "-v", "q", "-nologo"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet publish.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}): {await output}{await errors}");
        }

        return Path.Combine(folder, "TaskWatch");
    }

    private async Task MeasureAsync(ScenarioReport report, string executable)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var starts = new List<double>();
        // A full run starts the app once untimed: the first start after a publish reads every file
        // from disk, the later ones from the page cache, as a restarted container would.
        var untimed = size.Quick ? 0 : 1;
        for (var start = 0; start < untimed + size.ColdStarts; start++)
        {
            var clock = Stopwatch.StartNew();
            await using var child = ChildApp.Start(new Dictionary<string, string>(), executable);
            var ok = await child.WaitForOkAsync(http, TimeSpan.FromSeconds(30));
            if (start >= untimed)
            {
                starts.Add(ok ? clock.Elapsed.TotalSeconds : double.PositiveInfinity);
            }
        }

        report.Add(Figure.AtMost("cold start to the first 200 on /", "s", starts, 3).AsHeadline("cold start"));
        report.Note($"The app as the Dockerfile ships it (`dotnet publish -c Release -r linux-x64 --self-contained false`, framework-dependent, ReadyToRun as TaskWatch.csproj sets it, into a temp folder, once per bench process) started {untimed + size.ColdStarts} times as a child process, the first {untimed} untimed, with a new empty database (migrations run) and the default configuration (demo simulator on), --urls on a free 127.0.0.1 port; the time runs from Process.Start to the first 200 of GET /, the figure the median of the timed starts.");
        report.Note("Resident memory with tracked jobs and open dashboards is in scenario 3's table (the Release build output, as `dotnet run` starts it).");
    }
}
