namespace TaskWatch.Core;

/// <summary>What every page shows of one tracked job right now. Immutable: a change is a new view.</summary>
public sealed record JobView
{
    public required JobKey Key { get; init; }

    public required CloudService Service { get; init; }

    public string? Region { get; init; }

    public string? Name { get; init; }

    /// <summary>Null until the first good read.</summary>
    public JobState? State { get; init; }

    public string? StatusWord { get; init; }

    public int? Progress { get; init; }

    public DateTime? CreatedUtc { get; init; }

    public DateTime? EndedUtc { get; init; }

    public string? InstanceId { get; init; }

    public string? InstanceName { get; init; }

    public string? FailReason { get; init; }

    public PollPhase Phase { get; init; }

    public DateTime RegisteredUtc { get; init; }

    public DateTime? LastReadUtc { get; init; }

    public DateTime? NextPollUtc { get; init; }

    /// <summary>When the job's content (not only its polling state) last changed.</summary>
    public DateTime? LastChangeUtc { get; init; }

    public string? LastError { get; init; }

    public ReadOutcome? LastErrorOutcome { get; init; }

    public DateTime? ErrorSinceUtc { get; init; }

    /// <summary>For a running job: when it should end and what is usual for its kind (Insight fills it).</summary>
    public JobEta? Eta { get; init; }

    /// <summary>Running past its usual time by the configured factor, or its progress stalled.</summary>
    public bool IsOverdue { get; init; }

    /// <summary>Why it is overdue, in words for the badge's tooltip.</summary>
    public string? OverdueReason { get; init; }

    /// <summary>Who took this job (failed, overdue or not found) and with what note; null while nobody has.</summary>
    public JobAck? Ack { get; init; }

    /// <summary>The last read failed: what is shown is the last good state, not a fresh one.</summary>
    public bool IsStale => JobStatusText.IsStale(LastError, Phase);

    public bool IsRunning => State == JobState.Running && Phase is PollPhase.Active or PollPhase.Confirming;

    /// <summary>The documented state, "Unknown (word)", or the poller's phase before any read.</summary>
    public string StatusText => JobStatusText.Of(State, StatusWord, Phase);
}
