namespace TaskWatch.Components.Model;

/// <summary>One readable line of a job's RDS entities, e.g. ("Volume", "40 GB → 100 GB").</summary>
public sealed record EntityFact(string Label, string Value);
