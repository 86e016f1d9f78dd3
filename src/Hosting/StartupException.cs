namespace TaskWatch.Hosting;

/// <summary>Start-up refused: every configuration problem, each naming its key and value.</summary>
public sealed class StartupException(IReadOnlyList<string> problems) : Exception($"{problems.Count} configuration problem(s): " + string.Join(" | ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
