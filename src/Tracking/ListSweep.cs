using TaskWatch.Cloud;
using TaskWatch.Core;

namespace TaskWatch.Tracking;

/// <summary>
/// Reads a round's listable jobs by list pages, while a page is cheaper than the single reads it replaces;
/// a row of a running job that is not due yet refreshes it for free.
/// </summary>
public sealed class ListSweep(
    PollSchedule schedule,
    TaskCenterClients clients,
    TaskCenterCalls calls,
    ListApiAvailability availability,
    ReadAnswerApplier answers,
    TimeProvider time)
{
    /// <summary>Whether a round of these due jobs reads by list first: the project offers it and it pays for two or more.</summary>
    public bool Pays(CloudProject project, List<ScheduledJob> jobs, DateTime now) =>
        project.ListApi
        && availability.IsAvailable(project, now)
        && jobs.Count(j => j.ListReadable) >= 2;

    /// <summary>
    /// Reads the project's listable due jobs by list pages: new jobs first, without a status filter
    /// over the look-back window (a new job may have ended already), then the running ones with the
    /// Running filter from the oldest one's creation. Returns the jobs no list answered.
    /// </summary>
    public async Task<HashSet<ScheduledJob>> ReadAsync(CloudProject project, List<ScheduledJob> listable, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var unanswered = new HashSet<ScheduledJob>(listable);
        var answering = true;
        if (listable.Any(j => j.Content is null))
        {
            answering = await SweepAsync(project, unanswered, new JobListQuery(now - project.DiscoveryLookBack, now.AddMinutes(1), null, 0, project.ListPageSize), stoppingToken).ConfigureAwait(false);
        }

        var running = unanswered.Where(j => j.Content is not null).ToList();
        if (answering && running.Count > 0)
        {
            var from = running.Min(j => j.CreatedUtc ?? now.AddDays(-30)).AddMinutes(-1);
            await SweepAsync(project, unanswered, new JobListQuery(from, now.AddMinutes(1), JobState.Running, 0, project.ListPageSize), stoppingToken).ConfigureAwait(false);
        }

        return unanswered;
    }

    /// <summary>
    /// Pages through one list query while it is the cheaper way to read what is still unanswered;
    /// false when the list did not answer (it is then left alone for a while: <see cref="ListApiAvailability"/>).
    /// </summary>
    private async Task<bool> SweepAsync(CloudProject project, HashSet<ScheduledJob> unanswered, JobListQuery first, CancellationToken stoppingToken)
    {
        var client = clients.For(project.Service);
        for (var offset = 0; unanswered.Count > 0; offset += first.Limit)
        {
            var query = first with { Offset = offset };
            var staleSince = unanswered.Min(schedule.StaleSince);
            var list = await calls.CallAsync(project, "list", staleSince, ct => client.ListJobsAsync(project, query, ct), r => r.Error?.Outcome ?? ReadOutcome.Job, stoppingToken).ConfigureAwait(false);
            if (list.Error is { } error)
            {
                availability.Failed(project, error);
                return false;
            }

            availability.Answered(project);
            foreach (var cloudJob in list.Jobs)
            {
                var key = new JobKey(project.Name, cloudJob.Id);
                if (schedule.Find(key) is not { } tracked)
                {
                    continue;
                }

                // A due job of this round, or a running one not due yet: the row refreshes it for free.
                if (unanswered.Remove(tracked) || (!tracked.InFlight && tracked.ListReadable && tracked.Content is not null))
                {
                    answers.Apply(tracked, JobReadResult.Ok(cloudJob), byList: true);
                }
            }

            var pagesLeft = (list.TotalCount - offset - query.Limit + query.Limit - 1) / query.Limit;
            // Past the end, or more pages to go than single reads of what is left would cost.
            if (list.Jobs.Count + list.Unreadable < query.Limit || pagesLeft <= 0 || pagesLeft > unanswered.Count)
            {
                break;
            }
        }

        return true;
    }
}
