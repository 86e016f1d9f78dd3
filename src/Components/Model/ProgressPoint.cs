namespace TaskWatch.Components.Model;

/// <summary>One observed progress value at one time (UTC).</summary>
public readonly record struct ProgressPoint(DateTime ObservedUtc, int Progress);
