using TaskWatch.Core;

namespace TaskWatch.Tracking;

/// <summary>
/// Adds derived facts (ETA, overdue) to a view after its change is stored and before pages see it.
/// Called on the writer's loop: it must be quick and never wait on a network or the database.
/// </summary>
public interface IJobViewEnricher
{
    JobView Enrich(JobChange change, JobView view);
}
