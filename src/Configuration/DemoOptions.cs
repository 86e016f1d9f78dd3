namespace TaskWatch.Configuration;

/// <summary>The built-in task-center simulator that lets TaskWatch run with no cloud account.</summary>
public sealed class DemoOptions
{
    /// <summary>Unset: on only while no account and no project is configured (<see cref="DemoMode"/>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Why demo mode is on or off, set by the host from <see cref="DemoMode.Why"/> for the start-up line.</summary>
    public string? DecidedBy { get; set; }

    /// <summary>New simulated jobs per minute across all demo projects.</summary>
    public double JobsPerMinute { get; set; } = 6;

    /// <summary>Seed for the simulator's random choices; the same seed plays the same jobs.</summary>
    public int Seed { get; set; } = 7;

    /// <summary>How fast simulated jobs move: 1 is realistic minutes, 10 is ten times quicker.</summary>
    public double Speed { get; set; } = 1;

    /// <summary>Share of new demo jobs that fail part-way, with one of their kind's reasons.</summary>
    public double FailShare { get; set; } = 0.2;

    /// <summary>Share of new demo jobs that run 10 to 30 times their kind's typical length (a large restore, a slow resize).</summary>
    public double LongRunnerShare { get; set; } = 0.1;

    /// <summary>Share of new demo jobs that never end (a stuck job the task center never closes): the overdue warning shows on them.</summary>
    public double NeverEndsShare { get; set; } = 0.05;

    /// <summary>Hostile modes for every demo project (off by default).</summary>
    public SimulatorHostility Hostile { get; set; } = new();
}
