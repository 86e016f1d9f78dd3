namespace TaskWatch.Storage;

/// <summary>
/// One distinct job name (an operation type such as <c>CreateMysqlSingleHAInstance</c>), kept by
/// triggers on TrackedJobs (migration <c>JobNames</c>). Thousands of jobs share each name, so a
/// job-name search runs its LIKE over these few rows and then reads the jobs through the
/// (Name, list order) index, instead of running the LIKE on every job. Names are never removed:
/// one whose jobs are gone only matches nothing.
/// </summary>
public sealed class JobName
{
    public required string Name { get; set; }
}
