namespace TaskWatch.Tests.Architecture;

/// <summary>One reference from a file in one <c>src/</c> folder to another folder's namespace.</summary>
public sealed record LayerImport(string File, int Line, string From, string To)
{
    public string Arrow => From + " -> " + To;

    public override string ToString() => $"{File}:{Line}: {Arrow}";
}
