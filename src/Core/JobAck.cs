namespace TaskWatch.Core;

/// <summary>Someone has taken a failed, overdue or not-found job: who (a user's or a key's name), when (UTC) and an optional note.</summary>
public sealed record JobAck(string Who, DateTime AtUtc, string? Note);
