using TaskWatch.Cloud;
using TaskWatch.Core;

namespace TaskWatch.Tracking;

/// <summary>What one poll changed, for the writer: the new view, and a snapshot row when the content moved.</summary>
/// <param name="PollTimesOnly">
/// Nothing but the poll times moved (same content, phase, error and cloud body): the writer stores
/// the times alone, without rewriting the row.
/// </param>
public sealed record JobChange(long RowId, JobView View, CloudJob? Job, JobContent? Snapshot, JobContent? Previous, DateTime ObservedUtc, int ConsecutiveErrors, bool PollTimesOnly = false);
