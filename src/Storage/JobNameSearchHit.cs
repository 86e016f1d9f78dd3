namespace TaskWatch.Storage;

/// <summary>
/// One row of the trigram index that a MATCH expression finds, read through the index's table-valued
/// form (<c>FROM "JobNameSearch"(expression)</c>, <see cref="TaskWatchDbContext.JobNameSearchHits"/>).
/// </summary>
public sealed class JobNameSearchHit
{
    /// <summary>The index's rowid, which is the job's <see cref="TrackedJob.Id"/>.</summary>
    public long TrackedJobId { get; set; }
}
