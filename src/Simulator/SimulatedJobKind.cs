using TaskWatch.Core;

namespace TaskWatch.Simulator;

/// <summary>
/// A kind of long operation the simulator plays: its task name as the service sends it, its typical
/// length, what its entities hold (RDS-shaped bodies) and the failure reasons that fit it.
/// </summary>
public sealed record SimulatedJobKind(CloudService Service, string Name, TimeSpan TypicalDuration, string Entities, IReadOnlyList<string> FailReasons)
{
    /// <summary>Every kind of every service, from each service's <see cref="SimulatorDialect.Kinds"/>.</summary>
    public static IReadOnlyList<SimulatedJobKind> All => SimulatorDialects.AllKinds;
}
