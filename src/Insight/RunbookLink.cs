namespace TaskWatch.Insight;

/// <summary>A runbook that applies to a job: its text and its address.</summary>
public sealed record RunbookLink(string Title, Uri Url);
