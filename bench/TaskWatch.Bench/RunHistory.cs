using System.Diagnostics;

namespace TaskWatch.Bench;

/// <summary>
/// HISTORY.md beside the bench: one line per run whose document was committed as docs/BENCHMARKS.md
/// (date, the commit measured, the headline figures), so a regression shows as a line that moved.
/// A full run that writes docs/BENCHMARKS.md adds its line; quick runs and runs with --out do not.
/// </summary>
public static class RunHistory
{
    public static string FilePath() => Path.Combine(RepoPaths.Root(), "bench", "TaskWatch.Bench", "HISTORY.md");

    public static string Line(DateTime utc, string commit, int runs, IEnumerable<ScenarioAcrossRuns> scenarios)
    {
        var headlines = scenarios.SelectMany(s => s.Figures).Where(f => f.First.Headline is not null).Select(f =>
        {
            var spread = f.Runs > 1 && f.HasData ? $" ({f.First.WithUnit(f.Values.Min())} – {f.First.WithUnit(f.Values.Max())})" : string.Empty;
            return $"{f.First.Headline} {f.First.WithUnit(f.Value)}{spread} {f.Verdict}";
        });
        return $"| {utc:yyyy-MM-dd HH:mm} | {commit} | {runs} | {string.Join("; ", headlines)} |";
    }

    public static async Task AppendAsync(string line)
    {
        var path = FilePath();
        var text = File.Exists(path) ? await File.ReadAllTextAsync(path) : string.Empty;
        await File.WriteAllTextAsync(path, text.TrimEnd() + Environment.NewLine + line + Environment.NewLine);
    }

    /// <summary>HEAD's short hash, "+ changes" when tracked files differ from it; "unknown" without git.</summary>
    public static string Commit()
    {
        var head = Git("rev-parse", "--short", "HEAD");
        if (head is null)
        {
            return "unknown";
        }

        var changes = Git("status", "--porcelain", "--untracked-files=no");
        return string.IsNullOrWhiteSpace(changes) ? head : head + " + changes";
    }

    private static string? Git(params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo("git", args)
            {
                WorkingDirectory = RepoPaths.Root(),
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(info);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
