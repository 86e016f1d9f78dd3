using TaskWatch.Cloud;
using TaskWatch.Core;

namespace TaskWatch.Tracking;

/// <summary>
/// Reads a round's listable jobs by unfiltered list pages over the window of the jobs shown as running,
/// newest first, while a page is cheaper than the single reads it replaces. A row refreshes a running
/// job, is the end of one that ended (Completed or Failed, with its end time and failure reason: no
/// single read confirms it), and is the first read of a new job (on the first page); a row of a
/// running job that is not due yet refreshes or ends it for free.
/// </summary>
public sealed class ListSweep(
    PollSchedule schedule,
    TaskCenterClients clients,
    TaskCenterCalls calls,
    ListApiAvailability availability,
    ReadAnswerApplier answers,
    TimeProvider time)
{
    /// <summary>
    /// A job the cloud has not shown yet is looked for on list pages that reach back this far before
    /// its registration (a job is registered as it starts; the cloud shows it seconds later).
    /// </summary>
    public static readonly TimeSpan NewJobReach = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether a round of these due jobs reads by list first: the project offers it, and it pays for two
    /// or more, or one the cloud has not shown yet (a single read of a job that is seconds old mostly
    /// answers "not found"; the first page shows it once it is there, and refreshes the newest jobs beside it).
    /// </summary>
    public bool Pays(CloudProject project, List<ScheduledJob> jobs, DateTime now) =>
        project.ListApi
        && availability.IsAvailable(project, now)
        && (jobs.Count(j => j.ListReadable) >= 2 || jobs.Any(j => j.ListReadable && j.Content is null));

    /// <summary>
    /// Reads the project's listable due jobs with one unfiltered sweep, newest first, from the creation
    /// of the oldest running one (a job that ended stays in the unfiltered list, where the Running filter
    /// would drop it), reaching back over the look-back window when a job has never been read (it
    /// may have been registered long after it started). Returns the jobs no list answered.
    /// </summary>
    public async Task<HashSet<ScheduledJob>> ReadAsync(CloudProject project, List<ScheduledJob> listable, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var unanswered = new HashSet<ScheduledJob>(listable);
        // The window starts at the oldest job of the project shown as running, due or not: the pages are
        // read while they hold what this round or the jobs waiting for it need (SweepAsync).
        var from = schedule.OldestRunningCreated(project.Name)?.AddMinutes(-1) ?? now - NewJobReach;
        from = from < now - NewJobReach ? from : now - NewJobReach;
        foreach (var job in listable)
        {
            var reach = job.Content is not null ? (job.CreatedUtc ?? now.AddDays(-30)).AddMinutes(-1)
                : !job.LookedForInList ? now - project.DiscoveryLookBack
                : job.RegisteredUtc - NewJobReach;
            from = reach < from ? reach : from;
        }

        // The window ends at the newest job the round reads: newest first, its first page starts with the
        // round's own jobs. Ending it now would start every round with the newest jobs, fresh from the
        // last round, and the oldest ones (on the last pages) would be read alone, one call each.
        var to = listable.Count > 0 && listable.All(j => j.Content is not null && j.CreatedUtc is not null)
            ? listable.Max(j => j.CreatedUtc!.Value).AddMinutes(1)
            : now.AddMinutes(1);
        to = to > now.AddMinutes(1) ? now.AddMinutes(1) : to;
        await SweepAsync(project, unanswered, new JobListQuery(from, to, null, 0, project.ListPageSize), stoppingToken).ConfigureAwait(false);
        lock (schedule.Sync)
        {
            foreach (var job in unanswered.Where(j => j.Content is null))
            {
                job.LookedForInList = true;
            }
        }

        return unanswered;
    }

    /// <summary>
    /// Pages through one list query while it is the cheaper way to read what is still unanswered;
    /// a failed page leaves the list alone for a while (<see cref="ListApiAvailability"/>).
    /// </summary>
    private async Task SweepAsync(CloudProject project, HashSet<ScheduledJob> unanswered, JobListQuery first, CancellationToken stoppingToken)
    {
        var client = clients.For(project.Service);
        for (var offset = 0; unanswered.Count > 0 || offset > 0; offset += first.Limit)
        {
            var query = first with { Offset = offset };
            var waiting = schedule.WaitingForRound(project.Name, time.GetUtcNow().UtcDateTime);
            var staleSince = unanswered.Concat(waiting).Min(schedule.StaleSince);

            var list = await calls.CallAsync(project, "list", staleSince, ct => client.ListJobsAsync(project, query, ct), r => r.Error?.Outcome ?? ReadOutcome.Job, stoppingToken).ConfigureAwait(false);
            if (list.Error is { } error)
            {
                availability.Failed(project, error);
                return;
            }

            availability.Answered(project);
            var oldestRow = DateTime.MaxValue;
            foreach (var cloudJob in list.Jobs)
            {
                if (cloudJob.Created?.Utc is { } created && created < oldestRow)
                {
                    oldestRow = created;
                }

                var key = new JobKey(project.Name, cloudJob.Id);
                if (schedule.Find(key) is not { } tracked)
                {
                    continue;
                }

                // A due job of this round, or a running (or not yet shown) one not due yet: the row refreshes, ends or shows it for free.
                if (unanswered.Remove(tracked) || (!tracked.InFlight && tracked.ListReadable))
                {
                    answers.Apply(tracked, JobReadResult.Ok(cloudJob), byList: true, rowLacksDetail: client.ListRowsLackDetail);
                }
            }

            var pagesLeft = (list.TotalCount - offset - query.Limit + query.Limit - 1) / query.Limit;
            // A job not shown yet, already looked for over the look-back window, is on a later page only
            // if the pages have not yet reached back before its registration; past that it is not in the
            // list (yet), and more pages would not find it.
            var worthPages = unanswered.Count(j => j.Content is not null || !j.LookedForInList || oldestRow >= j.RegisteredUtc - NewJobReach)
                + schedule.WaitingForRound(project.Name, time.GetUtcNow().UtcDateTime).Count(j => j.CreatedUtc is not { } created || created <= oldestRow);
            // Past the end, or more pages to go than single reads of what is left would cost.
            if (list.Jobs.Count + list.Unreadable < query.Limit || pagesLeft <= 0 || pagesLeft > worthPages)
            {
                break;
            }
        }
    }
}
