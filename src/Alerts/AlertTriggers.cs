using System.Collections.Concurrent;
using TaskWatch.Core;
using TaskWatch.Storage;
using TaskWatch.Tracking;

namespace TaskWatch.Alerts;

/// <summary>
/// Watches every stored batch for alert events and queues one request per matching rule and channel.
/// The in-memory set only spares repeats (an overdue job is republished on every poll); the delivery
/// record in the database is what makes an alert go out at most once, across restarts too.
/// </summary>
public sealed class AlertTriggers(AlertSetup setup, AlertQueue queue, TimeProvider time) : IJobCommitListener
{
    private readonly ConcurrentDictionary<(string Project, string JobId, AlertEvent Event, string Channel), byte> _queued = new();

    public void Committed(IReadOnlyList<JobChange> changes, IReadOnlyList<JobView> views)
    {
        if (setup.Rules.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var view in views)
        {
            foreach (var e in EventsOf(view))
            {
                foreach (var rule in setup.Rules)
                {
                    if (!rule.Matches(view, e))
                    {
                        continue;
                    }

                    foreach (var channel in rule.Channels)
                    {
                        var key = (view.Key.Project.ToUpperInvariant(), view.Key.JobId.ToUpperInvariant(), e, channel.Name.ToUpperInvariant());
                        if (_queued.TryAdd(key, 0))
                        {
                            queue.Enqueue(new AlertRequest(view, e, rule.Name, channel, now));
                        }
                    }
                }
            }
        }
    }

    /// <summary>Failed and Completed count once the poller takes the end as final (phase Done: the cloud's Completed or Failed with its end time, from a list row or a single read).</summary>
    public static IEnumerable<AlertEvent> EventsOf(JobView view)
    {
        if (view is { State: JobState.Failed, Phase: PollPhase.Done })
        {
            yield return AlertEvent.Failed;
        }

        if (view is { State: JobState.Completed, Phase: PollPhase.Done })
        {
            yield return AlertEvent.Completed;
        }

        if (view.Phase == PollPhase.NotFound)
        {
            yield return AlertEvent.NotFound;
        }

        if (view.IsOverdue)
        {
            yield return AlertEvent.Overdue;
        }
    }
}
