using TaskWatch.Core;

namespace TaskWatch.Cloud;

/// <summary>Filters of the list APIs; times are UTC.</summary>
public sealed record JobListQuery(DateTime FromUtc, DateTime ToUtc, JobState? Status = null, int Offset = 0, int Limit = 50);
