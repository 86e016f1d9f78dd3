using System.Collections.Concurrent;
using TaskWatch.Core;
using TaskWatch.Insight;
using TaskWatch.Storage;
using TaskWatch.Tracking;

namespace TaskWatch.Alerts;

/// <summary>
/// Watches every stored batch for alert events and queues one request per matching rule and channel.
/// The in-memory set only spares repeats (an overdue job is republished on every poll); the delivery
/// record in the database is what makes an alert go out at most once, across restarts too.
/// </summary>
public sealed class AlertTriggers(AlertSetup setup, AlertQueue queue, TimeProvider time, RunbookCatalog runbooks) : IJobCommitListener
{
    // The events whose condition can end while the job lives on.
    private static readonly AlertEvent[] Resolvable = [AlertEvent.Overdue, AlertEvent.NotFound];

    private readonly ConcurrentDictionary<(string Project, string JobId, AlertEvent Event, string Channel), byte> _queued = new();

    // Ended jobs already offered an Alertmanager resolve (kept apart from _queued, which only ever holds fired alerts).
    private readonly ConcurrentDictionary<(string Project, string JobId, AlertEvent Event, string Channel), byte> _resolved = new();

    public void Committed(IReadOnlyList<JobChange> changes, IReadOnlyList<JobView> views)
    {
        if (setup.Rules.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var view in views)
        {
            var events = EventsOf(view).ToList();
            QueueResolves(view, events, now);
            foreach (var e in events)
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
                            queue.Enqueue(new AlertRequest(view, e, rule.Name, channel, now) { Runbooks = e == AlertEvent.Completed ? [] : runbooks.For(view) });
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Alertmanager holds an alert until its end: an overdue alert whose job is no longer overdue (it ended) or a
    /// not-found alert whose job turned up gets its end now. Failed and Completed are final and end by themselves.
    /// </summary>
    private void QueueResolves(JobView view, List<AlertEvent> events, DateTime now)
    {
        foreach (var e in Resolvable)
        {
            // Only a settled end counts: a view without the overdue mark for a moment must not end the alert for good.
            var ended = e == AlertEvent.Overdue
                ? view.State is JobState.Completed or JobState.Failed
                : view.State is not null && view.Phase != PollPhase.NotFound;
            if (!ended || events.Contains(e))
            {
                continue;
            }

            foreach (var rule in setup.Rules)
            {
                if (!rule.Matches(view, e))
                {
                    continue;
                }

                foreach (var channel in rule.Channels)
                {
                    var key = (view.Key.Project.ToUpperInvariant(), view.Key.JobId.ToUpperInvariant(), e, channel.Name.ToUpperInvariant());
                    if (channel.Kind != AlertChannelKind.Alertmanager)
                    {
                        continue;
                    }

                    // Fired by this run: resolve it. An overdue job that ends is also resolved when the alert was fired
                    // before a restart (the delivery log has it; the delivery service sends a resolve only then), once.
                    var firedHere = _queued.TryRemove(key, out _);
                    var endedOverdue = e == AlertEvent.Overdue && view.Phase == PollPhase.Done;
                    if ((firedHere || endedOverdue) && _resolved.TryAdd(key, 0))
                    {
                        queue.Enqueue(new AlertRequest(view, e, rule.Name, channel, now, Resolved: true));
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
