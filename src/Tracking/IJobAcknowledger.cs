using TaskWatch.Core;

namespace TaskWatch.Tracking;

/// <summary>Acknowledging as the pages see it (<see cref="JobAcknowledger"/>; a fake in the pages' tests).</summary>
public interface IJobAcknowledger
{
    Task<AckResult> AcknowledgeAsync(JobKey key, string? note, AuditActor actor, CancellationToken cancellationToken);

    Task<AckResult> UnacknowledgeAsync(JobKey key, AuditActor actor, CancellationToken cancellationToken);
}
