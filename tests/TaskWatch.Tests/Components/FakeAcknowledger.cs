using TaskWatch.Core;
using TaskWatch.Live;
using TaskWatch.Tracking;

namespace TaskWatch.Tests.Components;

/// <summary>Acknowledges in the live store only, as the real one shows it, and remembers who asked.</summary>
public sealed class FakeAcknowledger(LiveJobStore live, TimeProvider time) : IJobAcknowledger
{
    public List<(JobKey Key, string? Note, AuditActor Actor)> Calls { get; } = [];

    public Task<AckResult> AcknowledgeAsync(JobKey key, string? note, AuditActor actor, CancellationToken cancellationToken)
    {
        Calls.Add((key, note, actor));
        if (AckRules.CheckNote(note) is { } why)
        {
            return Task.FromResult(new AckResult(AckOutcome.InvalidNote, Problem: why));
        }

        return Task.FromResult(Set(key, new JobAck(actor.Who, time.GetUtcNow().UtcDateTime, AckRules.Normalize(note)), AckOutcome.Acknowledged));
    }

    public Task<AckResult> UnacknowledgeAsync(JobKey key, AuditActor actor, CancellationToken cancellationToken)
    {
        Calls.Add((key, null, actor));
        return Task.FromResult(Set(key, null, AckOutcome.Unacknowledged));
    }

    private AckResult Set(JobKey key, JobAck? ack, AckOutcome outcome)
    {
        var view = live.Find(key)! with { Ack = ack };
        live.Publish([view]);
        return new AckResult(outcome, view);
    }
}
