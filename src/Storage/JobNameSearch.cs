using System.Text;

namespace TaskWatch.Storage;

/// <summary>
/// The trigram index over job and instance names (an FTS5 table made by the migration
/// <c>JobNameSearch</c>). It narrows a substring search to the rows that can match; the LIKE that
/// follows keeps the result exactly what LIKE alone gives (the index folds case beyond ASCII, so it
/// finds a superset, never less).
/// </summary>
public static class JobNameSearch
{
    /// <summary>The FTS5 table; its shadow tables and triggers start with this name and an underscore.</summary>
    public const string Table = "JobNameSearch";

    /// <summary>The tracked-job rows the index can match, for <c>FromSqlRaw</c> with the expression as <c>{0}</c>.</summary>
    public const string RowsSql = """SELECT * FROM "TrackedJobs" WHERE "Id" IN (SELECT rowid FROM "JobNameSearch" WHERE "JobNameSearch" MATCH {0})""";

    /// <summary>
    /// Whether the index can answer a search for <paramref name="text"/> (already trimmed): a trigram
    /// index matches nothing shorter than three characters (code points, as SQLite counts them).
    /// </summary>
    public static bool Covers(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            if (++count >= 3)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The MATCH expression for the given column texts (null or uncovered ones are left out), or
    /// null when none is covered. Each text is one quoted phrase: every character is literal.
    /// </summary>
    public static string? Expression(string? jobName, string? instanceName)
    {
        var terms = new List<string>(2);
        if (Covers(jobName))
        {
            terms.Add("Name : " + Phrase(jobName!));
        }

        if (Covers(instanceName))
        {
            terms.Add("InstanceName : " + Phrase(instanceName!));
        }

        return terms.Count == 0 ? null : string.Join(" AND ", terms);
    }

    private static string Phrase(string text) => new StringBuilder(text.Length + 2).Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
}
