using TaskWatch.Core;

namespace TaskWatch.Simulator;

/// <summary>
/// One simulated job, fully determined by its script: when it appears, how its progress moves, and
/// whether (and when) it fails. Its state at any time is computed, never stored.
/// </summary>
public sealed record SimulatedJob
{
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public required SimulatedJobKind Kind { get; init; }

    public required string InstanceId { get; init; }

    public required string InstanceName { get; init; }

    public required DateTime CreatedUtc { get; init; }

    /// <summary>The documents warn a new job cannot be queried for several seconds.</summary>
    public required TimeSpan Invisible { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>Null for a job that completes; else the fraction at which it fails and why.</summary>
    public double? FailsAt { get; init; }

    public string? FailReason { get; init; }

    /// <summary>Progress is reported in these steps, so it sometimes stalls like a real job.</summary>
    public int ProgressStep { get; init; } = 5;

    /// <summary>Overrides the status word (hostile modes: "Pending", "running").</summary>
    public string? StatusOverride { get; init; }

    public bool IsVisible(DateTime now) => now >= CreatedUtc + Invisible;

    public JobState StateAt(DateTime now)
    {
        var fraction = FractionAt(now);
        if (FailsAt is { } f && fraction >= f)
        {
            return JobState.Failed;
        }

        return fraction >= 1 ? JobState.Completed : JobState.Running;
    }

    public DateTime? EndedAt(DateTime now) => StateAt(now) switch
    {
        JobState.Failed => CreatedUtc + (Duration * FailsAt!.Value),
        JobState.Completed => CreatedUtc + Duration,
        _ => null,
    };

    public int ProgressAt(DateTime now)
    {
        var percent = (int)(Math.Min(FractionAt(now), 0.99) * 100);
        return percent / ProgressStep * ProgressStep;
    }

    private double FractionAt(DateTime now) => Duration <= TimeSpan.Zero ? 1 : Math.Max(0, (now - CreatedUtc) / Duration);
}
