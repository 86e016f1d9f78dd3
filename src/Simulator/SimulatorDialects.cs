using TaskWatch.Core;

namespace TaskWatch.Simulator;

/// <summary>The simulator's dialect of every service; a service without one is an error naming it.</summary>
public static class SimulatorDialects
{
    /// <summary>One line per service (src/Cloud/README.md, "How to add a service").</summary>
    public static readonly IReadOnlyList<SimulatorDialect> All =
    [
        new RdsSimulatorDialect(),
        new DdsSimulatorDialect(),
        new TaurusDbSimulatorDialect(),
        new GaussDbSimulatorDialect(),
        new GeminiDbSimulatorDialect(),
        new DdmSimulatorDialect(),
    ];

    internal static readonly IReadOnlyList<SimulatedJobKind> AllKinds = [.. All.SelectMany(d => d.Kinds)];

    public static SimulatorDialect For(CloudService service) =>
        All.FirstOrDefault(d => d.Service == service)
        ?? throw new InvalidOperationException($"The simulator has no dialect for {service}; add one to SimulatorDialects.All.");
}
