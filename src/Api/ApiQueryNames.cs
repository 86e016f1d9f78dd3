namespace TaskWatch.Api;

/// <summary>A misspelt query parameter would silently widen a search or a wait: name it, and a repeated one.</summary>
public static class ApiQueryNames
{
    public static void Check(IQueryCollection query, IReadOnlyCollection<string> allowed, List<string> errors)
    {
        foreach (var (key, values) in query)
        {
            if (!allowed.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"'{ApiBodyReader.Printable(key)}' is not a parameter: use {string.Join(", ", allowed)}.");
            }
            else if (values.Count > 1)
            {
                errors.Add($"'{key}' is given {values.Count} times: give it once.");
            }
        }
    }
}
