using System.Diagnostics;
using TaskWatch.Bench;

// dotnet run -c Release --project bench/TaskWatch.Bench -- [--quick] [--only poll,storage,screen,footprint] [--out file.md] [--alloc-profile]
var quick = args.Contains("--quick");
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault()?.Split(',') ?? ["poll", "storage", "screen", "footprint"];
var size = new BenchSize(quick, args.Contains("--alloc-profile"));
var command = "dotnet run -c Release --project bench/TaskWatch.Bench" + (args.Length > 0 ? " -- " + string.Join(' ', args) : string.Empty);
var clock = Stopwatch.StartNew();
var reports = new List<ScenarioReport>();
var failed = false;

async Task Run(string name, Func<Task<ScenarioReport>> scenario)
{
    if (!only.Contains(name))
    {
        return;
    }

    Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {name}...");
    try
    {
        var report = await scenario();
        reports.Add(report);
        foreach (var f in report.Figures)
        {
            Console.WriteLine($"    {f.Name}: median {Figure.Format(f.Median)} {f.Unit} (target {f.Target}) {f.Verdict}");
        }
    }
    catch (Exception ex)
    {
        failed = true;
        Console.Error.WriteLine($"Scenario {name} failed: {ex}");
        var report = new ScenarioReport(name + " (failed)");
        report.Note("The scenario threw: " + ex.GetType().Name + ": " + ex.Message);
        reports.Add(report);
    }
}

await Run("poll", () => new PollEngineScenario(size).RunAsync());
await Run("storage", () => new StorageScenario(size).RunAsync());
await Run("screen", () => new ChangeToScreenScenario(size).RunAsync());
await Run("footprint", () => new FootprintScenario(size).RunAsync());
await Run("waiters", () => new WaitersScenario(size).RunAsync()); // not in the default list: --only waiters

var markdown = MarkdownReport.Render(reports, command, clock.Elapsed);
// What was found and fixed while the targets were chased, kept by hand beside the code.
var findings = Path.Combine(RepoPaths.Root(), "bench", "TaskWatch.Bench", "FINDINGS.md");
if (!quick && File.Exists(findings))
{
    markdown += Environment.NewLine + await File.ReadAllTextAsync(findings);
}

// A quick run only proves the bench works (CI): it does not overwrite the committed figures.
var path = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault()
    ?? (quick ? Path.Combine(Path.GetTempPath(), "taskwatch-benchmarks-quick.md") : Path.Combine(RepoPaths.Root(), "docs", "BENCHMARKS.md"));
await File.WriteAllTextAsync(path, markdown);
Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] wrote {path}");
return failed ? 1 : 0;
