using TaskWatch.Core;

namespace TaskWatch.Tracking;

/// <summary>
/// Hears of each stored batch after its commit, with the views as published. Called on the writer's
/// loop: it must only hand work off (a queue), never wait on a network or the database.
/// </summary>
public interface IJobCommitListener
{
    void Committed(IReadOnlyList<JobChange> changes, IReadOnlyList<JobView> views);
}
