namespace TaskWatch.Bench;

/// <summary>One scenario's reports from every run, figure by figure (a scenario adds its figures in the same order every run).</summary>
public sealed class ScenarioAcrossRuns
{
    private ScenarioAcrossRuns(string title, List<FigureAcrossRuns> figures, List<string> notes, List<string> failures, int runs)
    {
        Title = title;
        Figures = figures;
        Notes = notes;
        Failures = failures;
        Runs = runs;
    }

    public string Title { get; }

    public IReadOnlyList<FigureAcrossRuns> Figures { get; }

    public IReadOnlyList<string> Notes { get; }

    /// <summary>What went wrong in the runs that threw: their figures are left out.</summary>
    public IReadOnlyList<string> Failures { get; }

    /// <summary>The runs whose figures are merged here.</summary>
    public int Runs { get; }

    public static ScenarioAcrossRuns Merge(IReadOnlyList<ScenarioReport> runs, bool quick)
    {
        var done = runs.Where(r => r.Failure is null).ToList();
        var failures = runs.Select((r, i) => r.Failure is null ? null : $"Run {i + 1} of {runs.Count} threw, its figures are left out: {r.Failure}").OfType<string>().ToList();
        if (done.Count == 0)
        {
            return new ScenarioAcrossRuns(runs[0].Title, [], [], failures, 0);
        }

        var count = done[0].Figures.Count;
        if (done.Any(r => r.Figures.Count != count))
        {
            throw new InvalidOperationException($"Scenario '{done[0].Title}' reported {string.Join(" / ", done.Select(r => r.Figures.Count))} figures in its runs: a scenario must add the same figures in the same order every run.");
        }

        var figures = Enumerable.Range(0, count).Select(i => new FigureAcrossRuns(done.Select(r => r.Figures[i]).ToList(), quick)).ToList();
        return new ScenarioAcrossRuns(done[0].Title, figures, done[0].Notes, failures, done.Count);
    }
}
