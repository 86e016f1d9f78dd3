namespace TaskWatch.Storage;

/// <summary>
/// The order in which searches list jobs: newest first by the cloud's creation time, or the
/// registration time while the cloud has not said, then by id. The indexes below hold that order
/// (migration <c>JobListOrder</c>), so the first page of a search reads its 50 rows from an index
/// instead of sorting every match. EF Core cannot model an index on an expression: they are made
/// by SQL, and SQLite uses them only while the ORDER BY EF writes for <see cref="Apply"/> is
/// exactly <see cref="Expression"/> (a test reads the query plans).
/// </summary>
public static class JobListOrder
{
    /// <summary>The sort key as SQL, the translation of <c>CreatedUtc ?? RegisteredUtc</c>.</summary>
    public const string Expression = """COALESCE("CreatedUtc", "RegisteredUtc")""";

    /// <summary>Every job in list order: the history page without filters, and filters no index narrows.</summary>
    public const string Index = "IX_TrackedJobs_ListOrder";

    /// <summary>One project's jobs in list order.</summary>
    public const string ProjectIndex = "IX_TrackedJobs_Project_ListOrder";

    /// <summary>
    /// One job name's jobs in list order. For a search matching several names SQLite reads each
    /// name's jobs in order and stops each one once it cannot reach the page.
    /// </summary>
    public const string NameIndex = "IX_TrackedJobs_Name_ListOrder";

    public static IReadOnlyList<string> Indexes { get; } = [Index, ProjectIndex, NameIndex];

    public static IOrderedQueryable<TrackedJob> Apply(IQueryable<TrackedJob> jobs) =>
        jobs.OrderByDescending(j => j.CreatedUtc ?? j.RegisteredUtc).ThenBy(j => j.Id);
}
