namespace TaskWatch.Bench;

/// <summary>What one TaskWatch instance of a fleet cost over the measured window, and what it held.</summary>
public sealed record FleetInstanceFigures(int Index, int AccountsHeld, double CpuCores, double ResidentMegabytes, IReadOnlyList<double> LagFromOthersMs, long Events);
