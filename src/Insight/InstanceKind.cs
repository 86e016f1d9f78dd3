namespace TaskWatch.Insight;

/// <summary>One kind of job (its name) on an instance: how often it ran, how often it failed, and what is usual (completed runs only).</summary>
public sealed record InstanceKind(string Name, int Runs, int Failed, TypicalDuration? Typical);
