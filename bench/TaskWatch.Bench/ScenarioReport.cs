namespace TaskWatch.Bench;

/// <summary>What one scenario measured in one run: its figures and notes on how (and what was left out).</summary>
public sealed class ScenarioReport(string title)
{
    public string Title { get; } = title;

    public List<Figure> Figures { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>Set when the scenario threw: the exception's type and message.</summary>
    public string? Failure { get; private init; }

    public static ScenarioReport Failed(string title, Exception exception) =>
        new(title) { Failure = exception.GetType().Name + ": " + exception.Message };

    public void Add(Figure figure) => Figures.Add(figure);

    public void Note(string note) => Notes.Add(note);
}
