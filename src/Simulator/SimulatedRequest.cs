namespace TaskWatch.Simulator;

/// <summary>One API call the simulator answered: when it arrived and was answered, and which fault (if any) it got.</summary>
public sealed record SimulatedRequest(DateTime ArrivedUtc, DateTime AnsweredUtc, string ProjectId, int Status, string? Fault, int? RetryAfterSeconds);
