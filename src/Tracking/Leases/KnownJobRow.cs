using TaskWatch.Core;

namespace TaskWatch.Tracking.Leases;

/// <summary>
/// What the change feed keeps of a row it has read: whose job it is (to skip the polls of accounts this
/// instance holds) and what the view enrichers need besides the view, so a poll-times entry is applied
/// without reading the row again.
/// </summary>
public sealed record KnownJobRow(JobKey Key, string Account, JobContent? Content, int ConsecutiveErrors);
