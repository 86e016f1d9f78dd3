namespace TaskWatch.Tracking.Leases;

/// <summary>What a live view shows of a poll that changed nothing else: when the job was last read and is due next (UTC).</summary>
public readonly record struct JobPollTimes(DateTime? LastReadUtc, DateTime? NextPollUtc);
