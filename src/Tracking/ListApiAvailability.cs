using System.Collections.Concurrent;
using TaskWatch.Cloud;
using TaskWatch.Core;

namespace TaskWatch.Tracking;

/// <summary>
/// Until when each project's list API is left alone after it failed or is not offered; single reads stand in
/// meanwhile (within the budget, as every call).
/// </summary>
public sealed class ListApiAvailability(TimeProvider time, ILogger<ListApiAvailability> logger)
{
    private readonly ConcurrentDictionary<string, DateTime> _unavailableUntil = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.OrdinalIgnoreCase);

    public bool IsAvailable(CloudProject project, DateTime now) =>
        !_unavailableUntil.TryGetValue(project.Name, out var until) || until <= now;

    /// <summary>The list answered: the next failure starts the back-off from its shortest pause again.</summary>
    public void Answered(CloudProject project) => _failures.TryRemove(project.Name, out _);

    public void Failed(CloudProject project, CloudError error)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (error.Outcome is ReadOutcome.NotFound or ReadOutcome.Rejected)
        {
            // This project's cloud does not offer the list: single reads for a while.
            _unavailableUntil[project.Name] = now.AddMinutes(10);
            logger.LogWarning("List API of project {Project} answered {Error}; using single reads for 10 minutes", project.Name, error);
            return;
        }

        // A list that stops answering is tried again after 30 s, 1, 2, 4 … up to 10 min, not on every round.
        var failures = _failures.AddOrUpdate(project.Name, 1, (_, n) => n + 1);
        var pause = TimeSpan.FromSeconds(Math.Min(600, 30 * Math.Pow(2, Math.Min(failures - 1, 5))));
        _unavailableUntil[project.Name] = now + pause;
        logger.LogWarning("List API of project {Project} failed ({Error}); single reads for {Seconds:0} s", project.Name, error, pause.TotalSeconds);
    }
}
