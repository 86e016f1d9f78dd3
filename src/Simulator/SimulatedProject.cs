using TaskWatch.Configuration;
using TaskWatch.Core;

namespace TaskWatch.Simulator;

/// <summary>A project inside the simulator: its cloud project id and which dialect it speaks.</summary>
public sealed record SimulatedProject(string ProjectId, CloudService Service, string Region)
{
    /// <summary>How this project's API misbehaves; none by default.</summary>
    public SimulatorHostility Hostility { get; set; } = SimulatorHostility.None;
}
