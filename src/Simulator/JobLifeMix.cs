namespace TaskWatch.Simulator;

/// <summary>
/// The lives the simulator gives the jobs it generates, as shares that add up to at most one (the
/// rest complete): how many fail, how many run for hours, how many never end, and how long the short
/// ones take. A scenario sets its own; <see cref="Real"/> is what a task center shows on a busy day.
/// </summary>
public sealed record JobLifeMix
{
    /// <summary>
    /// About half complete within 20 s to 10 min, a fifth fail (within the same span), a fifth run
    /// for one to four hours, a tenth never end (a stuck job the task center never closes).
    /// </summary>
    public static readonly JobLifeMix Real = new();

    /// <summary>Jobs that fail, part-way through a short life, with one of their kind's <see cref="SimulatedJobKind.FailReasons"/>.</summary>
    public double FailShare { get; init; } = 0.2;

    /// <summary>Jobs that run for <see cref="LongLife"/> (a large restore, a slow resize).</summary>
    public double LongRunnerShare { get; init; } = 0.2;

    /// <summary>Jobs that never end.</summary>
    public double NeverEndsShare { get; init; } = 0.1;

    public TimeSpan ShortestLife { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan LongestShortLife { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan ShortestLongLife { get; init; } = TimeSpan.FromHours(1);

    public TimeSpan LongestLongLife { get; init; } = TimeSpan.FromHours(4);

    /// <summary>The "duration" of a job that never ends: far beyond any run, and still a valid time when added to now.</summary>
    public static readonly TimeSpan Never = TimeSpan.FromDays(3650);

    /// <summary>Null when the shares are usable, else what is wrong with them.</summary>
    public string? Problem() =>
        FailShare < 0 || LongRunnerShare < 0 || NeverEndsShare < 0 || FailShare + LongRunnerShare + NeverEndsShare > 1
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"FailShare {FailShare}, LongRunnerShare {LongRunnerShare} and NeverEndsShare {NeverEndsShare} must each be from 0 and add up to at most 1.")
            : ShortestLife <= TimeSpan.Zero || LongestShortLife < ShortestLife || ShortestLongLife <= TimeSpan.Zero || LongestLongLife < ShortestLongLife
                ? "Each life span must be positive, its longest no shorter than its shortest."
                : null;
}
