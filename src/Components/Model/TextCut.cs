namespace TaskWatch.Components.Model;

/// <summary>Shortens long cloud text for lists; the detail page shows it whole.</summary>
public static class TextCut
{
    public static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max] + "…";
}
