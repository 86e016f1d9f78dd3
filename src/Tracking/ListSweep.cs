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

    /// <summary>Whether a round of these due jobs reads by list first: the project offers it and it pays for two or more.</summary>
    public bool Pays(CloudProject project, List<ScheduledJob> jobs, DateTime now) =>
        project.ListApi
        && availability.IsAvailable(project, now)
        && jobs.Count(j => j.ListReadable) >= 2;

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
        var from = now - NewJobReach;
        foreach (var job in listable)
        {
            var reach = job.Content is not null ? (job.CreatedUtc ?? now.AddDays(-30)).AddMinutes(-1)
                : job.Phase == PollPhase.New ? now - project.DiscoveryLookBack
                : job.RegisteredUtc - NewJobReach;
            from = reach < from ? reach : from;
        }

        await SweepAsync(project, unanswered, new JobListQuery(from, now.AddMinutes(1), null, 0, project.ListPageSize), stoppingToken).ConfigureAwait(false);
        return unanswered;
    }

    /// <summary>
    /// Pages through one list query while it is the cheaper way to read what is still unanswered;
    /// a failed page leaves the list alone for a while (<see cref="ListApiAvailability"/>).
    /// </summary>
    private async Task SweepAsync(CloudProject project, HashSet<ScheduledJob> unanswered, JobListQuery first, CancellationToken stoppingToken)
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
                    answers.Apply(tracked, JobReadResult.Ok(cloudJob), byList: true);
                }
            }

            var pagesLeft = (list.TotalCount - offset - query.Limit + query.Limit - 1) / query.Limit;
            // A job not shown yet is on a later page only if the pages have not yet reached back
            // before its registration; past that it is not in the list (yet), and more pages would not find it.
            var worthPages = unanswered.Count(j => j.Content is not null || oldestRow >= j.RegisteredUtc - NewJobReach);
            // Past the end, or more pages to go than single reads of what is left would cost.
            if (list.Jobs.Count + list.Unreadable < query.Limit || pagesLeft <= 0 || pagesLeft > worthPages)
            {
                break;
            }
        }
    }
}
