namespace TaskWatch.Bench;

/// <summary>How long each phase of a fleet size runs: a quick run proves the scenario works, a full one measures.</summary>
public sealed record FleetTimings(TimeSpan WarmUp, TimeSpan Measured, TimeSpan TakeoverWait)
{
    public static FleetTimings For(bool quick) => quick
        ? new(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(45))
        : new(TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(90));
}
