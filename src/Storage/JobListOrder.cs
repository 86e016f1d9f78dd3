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

    /// <summary>
    /// Every job in list order: the history page without filters. It also holds the state, service and
    /// tracking flag, so a walk filtered on them reads a job's row only when it matches (a rare state
    /// reads the index alone, not every row).
    /// </summary>
    public const string Index = "IX_TrackedJobs_ListOrder";

    /// <summary>One project's jobs in list order.</summary>
    public const string ProjectIndex = "IX_TrackedJobs_Project_ListOrder";

    /// <summary>
    /// One job name's jobs in list order. For a search matching several names SQLite reads each
    /// name's jobs in order and stops each one once it cannot reach the page.
    /// </summary>
    public const string NameIndex = "IX_TrackedJobs_Name_ListOrder";

    public static IReadOnlyList<string> Indexes { get; } = [Index, ProjectIndex, NameIndex];

    /// <param name="jobs">The filtered jobs.</param>
    /// <param name="fromIndex">
    /// False for filters no index answers (a substring of several columns): their matches may be
    /// anywhere, and walking the index in order until a page is found would read every job row by
    /// row when there are few (measured on a loaded machine: 0.6–1 s for no match in 100,000 jobs,
    /// against 0.2 s to scan and sort).
    /// The same order is then written so that SQLite cannot take it from the index and sorts the
    /// matches instead.
    /// </param>
    public static IOrderedQueryable<TrackedJob> Apply(IQueryable<TrackedJob> jobs, bool fromIndex = true) => fromIndex
        ? jobs.OrderByDescending(j => j.CreatedUtc ?? j.RegisteredUtc).ThenBy(j => j.Id)
        : jobs.OrderByDescending(j => j.CreatedUtc != null ? j.CreatedUtc.Value : j.RegisteredUtc).ThenBy(j => j.Id);
}
