using TaskWatch.Cloud;

namespace TaskWatch.Simulator;

/// <summary>A project inside the simulator: its cloud project id and which dialect it speaks.</summary>
public sealed record SimulatedProject(string ProjectId, CloudService Service, string Region);
