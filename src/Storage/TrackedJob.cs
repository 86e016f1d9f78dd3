using TaskWatch.Core;

namespace TaskWatch.Storage;

/// <summary>One registered job: who registered it, what the cloud last said, and how polling stands.</summary>
public sealed class TrackedJob
{
    public long Id { get; set; }

    public required string Project { get; set; }

    public required string JobId { get; set; }

    public CloudService Service { get; set; }

    public RegistrationSource Source { get; set; }

    public DateTime RegisteredUtc { get; set; }

    /// <summary>False once a user stops tracking it; its history stays.</summary>
    public bool IsTracking { get; set; } = true;

    public DateTime? StoppedUtc { get; set; }

    /// <summary>The phase every reader shows: a job no longer tracked is Stopped whatever phase it stopped in.</summary>
    public PollPhase ShownPhase => IsTracking ? Phase : PollPhase.Stopped;

    public string? Name { get; set; }

    public JobState? State { get; set; }

    /// <summary>The status word as sent, kept when it is not one of the documented three.</summary>
    public string? StatusWord { get; set; }

    public int? Progress { get; set; }

    public DateTime? CreatedUtc { get; set; }

    public string? CreatedText { get; set; }

    public DateTime? EndedUtc { get; set; }

    public string? EndedText { get; set; }

    public string? InstanceId { get; set; }

    public string? InstanceName { get; set; }

    public string? FailReason { get; set; }

    public string? EntitiesJson { get; set; }

    public string? RawJson { get; set; }

    public PollPhase Phase { get; set; }

    public DateTime? LastReadUtc { get; set; }

    public DateTime? LastPolledUtc { get; set; }

    public DateTime? NextPollUtc { get; set; }

    public DateTime? LastChangeUtc { get; set; }

    public ReadOutcome? LastErrorOutcome { get; set; }

    public string? LastError { get; set; }

    public DateTime? ErrorSinceUtc { get; set; }

    public int ConsecutiveErrors { get; set; }

    /// <summary>Who acknowledged the job (a user's or a key's name); null while nobody has (<see cref="Core.JobAck"/>).</summary>
    public string? AckBy { get; set; }

    public DateTime? AckUtc { get; set; }

    public string? AckNote { get; set; }

    public JobAck? Ack => AckBy is null ? null : new JobAck(AckBy, AckUtc ?? DateTime.MinValue, AckNote);

    public List<JobSnapshot> Snapshots { get; set; } = [];
}
