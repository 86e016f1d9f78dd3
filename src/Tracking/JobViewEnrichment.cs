using TaskWatch.Core;

namespace TaskWatch.Tracking;

/// <summary>
/// Runs every <see cref="IJobViewEnricher"/> over a stored change, for the writer and for changes other instances
/// stored. It runs after the commit, so an enricher's fault is logged and skipped: the change must not look unstored.
/// </summary>
public static class JobViewEnrichment
{
    public static JobView Apply(IReadOnlyList<IJobViewEnricher> enrichers, JobChange change, JobView view, ILogger logger)
    {
        foreach (var enricher in enrichers)
        {
            try
            {
                view = enricher.Enrich(change, view);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Enriching the view of {Job} ({Enricher}) failed", view.Key, enricher.GetType().Name);
            }
        }

        return view;
    }
}
