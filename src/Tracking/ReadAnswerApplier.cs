using TaskWatch.Cloud;
using TaskWatch.Core;

namespace TaskWatch.Tracking;

/// <summary>Applies a task center's answer to a scheduled job, reschedules it, and queues what changed for the writer.</summary>
public sealed class ReadAnswerApplier(PollSchedule schedule, JobPollPolicy policy, JobStateWriter writer, TimeProvider time)
{
    /// <param name="byList">The answer is a row of a list page, not a read of this job alone.</param>
    /// <param name="rowLacksDetail">That row lacks detail the single read carries (<see cref="TaskCenterClient.ListRowsLackDetail"/>).</param>
    /// <param name="detailRead">The read was for the detail list rows lack (<see cref="ScheduledJob.NeedsDetail"/>), not the job's refresh.</param>
    public void Apply(ScheduledJob job, JobReadResult result, bool byList = false, bool rowLacksDetail = false, bool detailRead = false)
    {
        var now = time.GetUtcNow().UtcDateTime;
        JobChange change;
        lock (schedule.Sync)
        {
            if (job.Phase == PollPhase.Stopped)
            {
                return;
            }

            var previous = job.Content;
            var previousView = job.View;
            var previousErrors = job.ConsecutiveErrors;
            var changed = policy.Apply(job, result, now, byList, rowLacksDetail, detailRead);
            var instanceId = result.Job?.InstanceId ?? previousView.InstanceId;
            var instanceName = result.Job?.InstanceName ?? previousView.InstanceName;
            var lastChange = changed ? now : previousView.LastChangeUtc;
            job.View = ScheduledJobFactory.ViewOf(job, instanceId, instanceName, lastChange);
            var bodyHash = result.Job?.RawJson.GetHashCode(StringComparison.Ordinal) ?? job.StoredBodyHash;
            var pollTimesOnly = !changed
                && job.ConsecutiveErrors == previousErrors
                && bodyHash == job.StoredBodyHash
                && previousView with { LastReadUtc = job.View.LastReadUtc, NextPollUtc = job.View.NextPollUtc } == job.View;
            job.StoredBodyHash = bodyHash;
            change = new JobChange(job.RowId, job.View, result.Job, changed ? job.Content : null, previous, now, job.ConsecutiveErrors, pollTimesOnly);
            schedule.RescheduleLocked(job);
        }

        writer.Enqueue(change);
    }
}
