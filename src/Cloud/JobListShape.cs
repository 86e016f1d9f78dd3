namespace TaskWatch.Cloud;

/// <summary>
/// How one dialect's list answer is laid out: the name of the rows' array (<c>tasks</c>, <c>jobs</c>),
/// the name of the total (<c>total_count</c>, <c>total</c>; null when the service sends none) and
/// where each row keeps its facts.
/// </summary>
public sealed record JobListShape(string RowsName, string? TotalName, JobFields Fields);
