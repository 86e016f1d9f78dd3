namespace TaskWatch.Bench;

/// <summary>What one scenario measured: its figures and notes on how (and what was left out).</summary>
public sealed class ScenarioReport(string title)
{
    public string Title { get; } = title;

    public List<Figure> Figures { get; } = [];

    public List<string> Notes { get; } = [];

    public void Add(Figure figure) => Figures.Add(figure);

    public void Note(string note) => Notes.Add(note);
}
