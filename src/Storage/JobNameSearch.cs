using System.Text;

namespace TaskWatch.Storage;

/// <summary>
/// The trigram index over job and instance names (on SQLite an FTS5 table made by the migration
/// <c>JobNameSearch</c>; on PostgreSQL a pg_trgm index, <see cref="PostgreSqlIndex"/>). It narrows a substring search to the rows that can match; the LIKE that
/// follows keeps the result exactly what LIKE alone gives (the index folds case beyond ASCII, so it
/// finds a superset, never less).
/// </summary>
public static class JobNameSearch
{
    /// <summary>The FTS5 table; its shadow tables and triggers start with this name and an underscore.</summary>
    public const string Table = "JobNameSearch";

    /// <summary>
    /// PostgreSQL's form of the index: pg_trgm over the instance name (GIN), which answers the ILIKE
    /// '%text%' of the search directly (the FTS5 table and its MATCH are SQLite's only).
    /// </summary>
    public const string PostgreSqlIndex = "IX_TrackedJobs_InstanceName_Trigram";

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
    /// The MATCH expression for an instance-name search, or null when the index cannot answer it. The
    /// text is one quoted phrase: every character is literal. The index also holds job names, but
    /// JobQueries does not ask it for them: a job name is shared by thousands of jobs, and those are
    /// searched over the distinct names (<see cref="JobName"/>) instead.
    /// </summary>
    public static string? InstanceNameExpression(string? instanceName) =>
        Covers(instanceName) ? "InstanceName : " + Phrase(instanceName!) : null;

    private static string Phrase(string text) => new StringBuilder(text.Length + 2).Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
}
