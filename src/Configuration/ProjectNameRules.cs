namespace TaskWatch.Configuration;

/// <summary>Project names appear in URLs (<c>/jobs/{project}/{jobId}</c>), so they are kept URL-safe.</summary>
public static class ProjectNameRules
{
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
