using System.Runtime.CompilerServices;
using TaskWatch.Core;

namespace TaskWatch.Insight;

/// <summary>
/// The runbooks of each job view, matched once per view: a view is immutable and a change is a new view, so a page
/// that renders the same failure every 2 s (the wall) looks them up instead of running every pattern again. An entry
/// lives as long as its view does (nothing to evict).
/// </summary>
public sealed class JobRunbooks(RunbookCatalog catalog)
{
    private readonly ConditionalWeakTable<JobView, IReadOnlyList<RunbookLink>> _matched = new();

    public IReadOnlyList<RunbookLink> For(JobView job) => _matched.GetValue(job, catalog.For);
}
