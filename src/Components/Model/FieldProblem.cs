namespace TaskWatch.Components.Model;

/// <summary>What is wrong with one field of a form, in words for the person who filled it in.</summary>
public sealed record FieldProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
