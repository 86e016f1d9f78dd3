using System.Diagnostics;
using TaskWatch.Bench;

// dotnet run -c Release --project bench/TaskWatch.Bench -- [--quick] [--only poll,storage,screen,footprint,waiters,budget,fleet] [--repeat N] [--out file.md] [--alloc-profile]
//   budget only: [--budget-jobs 200|1000] (one of its two sizes)
//   fleet only: [--accounts 10,30,100] [--instances 1,3,5] [--jobs 100] [--feed current|previous|both] (every combination; default the issue's two axes, scaled to this machine, with before/after of the change feed)

// Every scenario, in the order they run: a new scenario is one line here. Those not run by
// default are asked for by name (--only).
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

var quick = args.Contains("--quick");
var fleetSizes = FleetOptions.Sizes(Option("--accounts"), Option("--instances"), Option("--jobs"), Option("--feed"), quick, out var fleetProblem);
if (fleetProblem is not null)
{
    Console.Error.WriteLine(fleetProblem);
    return 2;
}

// The fleet's document and plot: committed in docs/ by a full run, in the temp folder for a quick one.
var fleetPlot = quick ? Path.Combine(Path.GetTempPath(), "taskwatch-fleet-quick.png") : Path.Combine(RepoPaths.Root(), "docs", "BENCHMARKS-FLEET.png");

int[]? budgetJobs = Option("--budget-jobs") is { } budgetText ? [.. budgetText.Split(',').Select(t => int.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1)] : null;
if (budgetJobs is not null && budgetJobs.Any(n => n is not (200 or 1000)))
{
    Console.Error.WriteLine($"--budget-jobs: '{Option("--budget-jobs")}' is not 200, 1000 or both (200,1000): the budget scenario's two sizes.");
    return 2;
}

FleetScenario? fleet = null;
(string Name, Func<BenchSize, Task<ScenarioReport>> Run, bool ByDefault)[] scenarios =
[
    ("poll", size => new PollEngineScenario(size).RunAsync(), true),
    ("storage", size => new StorageScenario(size).RunAsync(), true),
    ("screen", size => new ChangeToScreenScenario(size).RunAsync(), true),
    ("footprint", size => new FootprintScenario(size).RunAsync(), true),
    ("waiters", size => new WaitersScenario(size).RunAsync(), false),
    ("screen-streams", size => new ChangeToScreenScenario(size, eventStreams: 100).RunAsync(), false),
    ("budget", size => new BudgetScenario(size, budgetJobs).RunAsync(), false),
    ("fleet", size => (fleet = new FleetScenario(size, fleetSizes, fleetPlot)).RunAsync(), false),
];


var only = Option("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? scenarios.Where(s => s.ByDefault).Select(s => s.Name).ToArray();
var unknown = only.Where(name => scenarios.All(s => s.Name != name)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"--only: '{string.Join(",", unknown)}' is not a scenario; the scenarios are {string.Join(", ", scenarios.Select(s => s.Name))}.");
    return 2;
}

var repeatText = Option("--repeat") ?? "1";
if (!int.TryParse(repeatText, System.Globalization.CultureInfo.InvariantCulture, out var repeat) || repeat < 1 || repeat > 20)
{
    Console.Error.WriteLine($"--repeat: '{repeatText}' is not a whole number of runs from 1 to 20.");
    return 2;
}

var size = new BenchSize(quick, args.Contains("--alloc-profile"));
var command = "dotnet run -c Release --project bench/TaskWatch.Bench" + (args.Length > 0 ? " -- " + string.Join(' ', args) : string.Empty);
var clock = Stopwatch.StartNew();
var chosen = scenarios.Where(s => only.Contains(s.Name)).ToList();
var reports = chosen.ToDictionary(s => s.Name, _ => new List<ScenarioReport>());
var failed = false;

// Run after run, all chosen scenarios each time, so that a slow spell of the machine lands in one
// run of every scenario rather than in every run of one.
for (var run = 1; run <= repeat; run++)
{
    foreach (var (name, scenario, _) in chosen)
    {
        Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {name}{(repeat > 1 ? $" (run {run} of {repeat})" : string.Empty)}...");
        try
        {
            var report = await scenario(size);
            reports[name].Add(report);
            foreach (var f in report.Figures)
            {
                var verdict = f.Target is null ? "info" : quick ? "info (quick run)" : f.Target.Meets(f.Value) ? "PASS" : "MISS";
                Console.WriteLine($"    {f.Name}: {f.WithUnit(f.Value)} ({FigureAcrossRuns.WindowsText(f)}; target {f.Target?.Text(f.Unit) ?? "—"}) {verdict}");
            }
        }
        catch (Exception ex)
        {
            failed = true;
            Console.Error.WriteLine($"Scenario {name} failed: {ex}");
            reports[name].Add(ScenarioReport.Failed(name + " (failed)", ex));
        }
    }
}

var merged = chosen.Select(s => ScenarioAcrossRuns.Merge(reports[s.Name], quick)).ToList();
var markdown = MarkdownReport.Render(merged, command, clock.Elapsed, quick, repeat);
var defaultPath = Path.Combine(RepoPaths.Root(), "docs", "BENCHMARKS.md");
var fleetAlone = only.SequenceEqual(["fleet"]);
var path = Option("--out") ?? (quick ? Path.Combine(Path.GetTempPath(), fleetAlone ? "taskwatch-fleet-quick.md" : "taskwatch-benchmarks-quick.md")
    : fleetAlone ? Path.Combine(RepoPaths.Root(), "docs", "BENCHMARKS-FLEET.md") : defaultPath);

// Only a full run that writes the committed document adds its line to the history; any other
// run shows its line below the committed ones, marked as not committed.
var historyLine = RunHistory.Line(DateTime.UtcNow, RunHistory.Commit(), repeat, merged);
var committing = !quick && Path.GetFullPath(path) == defaultPath;
if (committing)
{
    await RunHistory.AppendAsync(historyLine);
}

if (fleetAlone && fleet?.Summary is { } curve)
{
    // The curve first, the figures behind it after; a full run adds what was read from it, kept by hand.
    markdown = "# Benchmarks: a fleet of accounts on several instances (issue 32)" + markdown[(markdown.IndexOf('\n') is var eol and >= 0 ? eol : 0)..];
    var at = markdown.IndexOf("\n## ", StringComparison.Ordinal);
    markdown = at < 0 ? markdown + curve : markdown[..(at + 1)] + curve + markdown[(at + 1)..];
    var findings = Path.Combine(RepoPaths.Root(), "bench", "TaskWatch.Bench", "FLEET-FINDINGS.md");
    if (!quick && File.Exists(findings))
    {
        markdown += Environment.NewLine + await File.ReadAllTextAsync(findings);
    }
}

if (!quick && !fleetAlone)
{
    markdown += Environment.NewLine + await File.ReadAllTextAsync(RunHistory.FilePath());
    if (!committing)
    {
        markdown += "| (this run, not committed) " + historyLine[2..] + Environment.NewLine;
    }

    // What was found and fixed while the targets were chased, kept by hand beside the code.
    markdown += Environment.NewLine + await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root(), "bench", "TaskWatch.Bench", "FINDINGS.md"));
}

await File.WriteAllTextAsync(path, markdown);
Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] wrote {path}");
return failed ? 1 : 0;
