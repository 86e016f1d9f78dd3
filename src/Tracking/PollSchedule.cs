using TaskWatch.Core;
using TaskWatch.Storage;

namespace TaskWatch.Tracking;

/// <summary>
/// Every scheduled job by key, and a due-time queue over them: the poller takes only what is due
/// instead of sweeping every job. All mutation of a <see cref="ScheduledJob"/> happens under <see cref="Sync"/>.
/// </summary>
public sealed class PollSchedule
{
    private readonly Dictionary<JobKey, ScheduledJob> _jobs = new(JobKeyComparer.Instance);
    private readonly PriorityQueue<(ScheduledJob Job, long Version), DateTime> _queue = new();

    public Lock Sync { get; } = new();

    public int Count
    {
        get
        {
            lock (Sync)
            {
                return _jobs.Count;
            }
        }
    }

    /// <summary>Adds or replaces a job; it is queued at its <see cref="ScheduledJob.DueUtc"/> unless done.</summary>
    public void Add(ScheduledJob job)
    {
        lock (Sync)
        {
            _jobs[job.Key] = job;
            EnqueueLocked(job);
        }
    }

    public ScheduledJob? Find(JobKey key)
    {
        lock (Sync)
        {
            return _jobs.GetValueOrDefault(key);
        }
    }

    public bool Remove(JobKey key)
    {
        lock (Sync)
        {
            if (!_jobs.Remove(key, out var job))
            {
                return false;
            }

            job.Version++; // its queue entry goes stale
            job.Phase = PollPhase.Stopped;
            return true;
        }
    }

    /// <summary>
    /// A user opened the job's page: detail its list rows lack is read at its turn (a finished job is
    /// queued for it now; a running one asks at its next refresh). Returns whether anything was asked.
    /// </summary>
    public bool WantDetail(JobKey key, DateTime now)
    {
        lock (Sync)
        {
            if (!_jobs.TryGetValue(key, out var job) || !job.NeedsDetail || job.DetailWanted)
            {
                return false;
            }

            job.DetailWanted = true;
            if (job.Phase == PollPhase.Done && !job.InFlight)
            {
                job.Version++;
                job.DueUtc = now;
                EnqueueLocked(job);
            }

            return true;
        }
    }

    /// <summary>The job's <see cref="ScheduledJob.StaleSinceUtc"/>, read under <see cref="Sync"/> while its answer may be applied.</summary>
    public DateTime StaleSince(ScheduledJob job)
    {
        lock (Sync)
        {
            return job.StaleSinceUtc;
        }
    }

    /// <summary>Queues a job again after its answer was applied (call under <see cref="Sync"/>).</summary>
    public void RescheduleLocked(ScheduledJob job)
    {
        job.InFlight = false;
        if (_jobs.ContainsKey(job.Key))
        {
            EnqueueLocked(job);
        }
    }

    /// <summary>
    /// Takes every job due at <paramref name="now"/>, marking them in flight, in the order they
    /// deserve a call: never read first, then nearly finished, then longest waiting.
    /// </summary>
    public List<ScheduledJob> TakeDue(DateTime now)
    {
        var due = new List<ScheduledJob>();
        lock (Sync)
        {
            while (_queue.TryPeek(out var entry, out var at) && at <= now)
            {
                _queue.Dequeue();
                var job = entry.Job;
                if (entry.Version != job.Version || job.InFlight || !_jobs.ContainsKey(job.Key))
                {
                    continue;
                }

                job.InFlight = true;
                job.WaitingSinceUtc ??= job.DueUtc < now ? job.DueUtc : now;
                due.Add(job);
            }
        }

        due.Sort(static (a, b) =>
        {
            var byRank = Rank(a).CompareTo(Rank(b));
            return byRank != 0 ? byRank : Nullable.Compare(a.WaitingSinceUtc, b.WaitingSinceUtc);
        });
        return due;
    }

    /// <summary>Puts back jobs that could not be sent now (no budget), keeping their place in line.</summary>
    public void Defer(IEnumerable<ScheduledJob> jobs, DateTime until)
    {
        lock (Sync)
        {
            foreach (var job in jobs)
            {
                job.Version++;
                job.DueUtc = until;
                RescheduleLocked(job);
            }
        }
    }

    public DateTime? NextDueUtc()
    {
        lock (Sync)
        {
            // Stale entries may sit at the head; they only make the poller wake early, which is harmless.
            return _queue.TryPeek(out _, out var at) ? at : null;
        }
    }

    public List<ScheduledJob> AllOfProject(string project)
    {
        lock (Sync)
        {
            return [.. _jobs.Values.Where(j => string.Equals(j.Key.Project, project, StringComparison.OrdinalIgnoreCase))];
        }
    }

    private void EnqueueLocked(ScheduledJob job)
    {
        if ((job.Phase == PollPhase.Done && !job.NeedsDetail) || job.Phase == PollPhase.Stopped || job.DueUtc == DateTime.MaxValue)
        {
            return;
        }

        _queue.Enqueue((job, job.Version), job.DueUtc);
    }

    /// <summary>
    /// The running jobs of <paramref name="project"/> that are due and wait for the round out (they cannot
    /// start their own while it is): that round's pages refresh them too, so it carries their staleness to
    /// the budget and pages on while they are unread, rather than leave them to a new round that starts
    /// again from the first page. A job that came due and was put back (its project's round was out, or
    /// the budget had no place) still waits: it has a <see cref="ScheduledJob.WaitingSinceUtc"/> until it
    /// is answered, though its due time moved on a little each time it was put back.
    /// </summary>
    public List<ScheduledJob> WaitingForRound(string project, DateTime now)
    {
        lock (Sync)
        {
            return [.. _jobs.Values.Where(j => !j.InFlight && (j.DueUtc <= now || j.WaitingSinceUtc is not null) && j.ListReadable && j.Content is not null
                && string.Equals(j.Key.Project, project, StringComparison.OrdinalIgnoreCase))];
        }
    }

    /// <summary>
    /// Takes <paramref name="project"/>'s jobs that were put back while its round was out (due again
    /// within <paramref name="putBack"/>), marking them in flight, for the project's next round. The
    /// poller looks when a due time passes, not on a 200 ms beat: a round started by one job that came
    /// due must carry the jobs already waiting, or it goes alone (and at that job's place at the budget)
    /// while they wait for it again.
    /// </summary>
    public List<ScheduledJob> TakeWaitingForRound(string project, DateTime now, TimeSpan putBack)
    {
        lock (Sync)
        {
            // Every kind of job: one left out (a new job, say) would find the round out at each look and
            // wait for as long as the account stays behind.
            var waiting = _jobs.Values.Where(j => !j.InFlight && j.WaitingSinceUtc is not null && j.DueUtc <= now + putBack
                && j.Phase != PollPhase.Stopped && (j.Phase != PollPhase.Done || j.NeedsDetail)
                && string.Equals(j.Key.Project, project, StringComparison.OrdinalIgnoreCase)).ToList();
            foreach (var job in waiting)
            {
                // Its queue entry is stale from here: the round answers or puts it back.
                job.Version++;
                job.InFlight = true;
            }

            return waiting;
        }
    }

    /// <summary>When the next of <paramref name="project"/>'s running jobs (known, listable, not in a round) comes due; null if none.</summary>
    public DateTime? NextListedDue(string project)
    {
        lock (Sync)
        {
            DateTime? next = null;
            foreach (var job in _jobs.Values)
            {
                if (job.ListReadable && job.Content is not null && !job.InFlight && (next is null || job.DueUtc < next)
                    && string.Equals(job.Key.Project, project, StringComparison.OrdinalIgnoreCase))
                {
                    next = job.DueUtc;
                }
            }

            return next;
        }
    }

    /// <summary>The creation of the oldest job of <paramref name="project"/> shown as running: where its list window starts.</summary>
    public DateTime? OldestRunningCreated(string project)
    {
        lock (Sync)
        {
            DateTime? oldest = null;
            foreach (var job in _jobs.Values)
            {
                if (job.ListReadable && job.Content is not null && job.CreatedUtc is { } created && (oldest is null || created < oldest)
                    && string.Equals(job.Key.Project, project, StringComparison.OrdinalIgnoreCase))
                {
                    oldest = created;
                }
            }

            return oldest;
        }
    }

    /// <summary>
    /// Whether some running job of <paramref name="account"/> shown to users is overdue by more than
    /// <paramref name="slack"/> (its last read plus its interval lies further back): while one is, the
    /// account's budget belongs to refreshing views, not to detail. A job whose unmoving progress
    /// slowed it down is not overdue between its reads.
    /// </summary>
    public bool AnyRunningOverdue(string account, DateTime now, TimeSpan slack)
    {
        lock (Sync)
        {
            return _jobs.Values.Any(j => j.Phase == PollPhase.Active && j.IsRunning
                && (j.LastReadUtc ?? j.RegisteredUtc) + j.Interval + slack < now
                && string.Equals(j.Project.Account, account, StringComparison.OrdinalIgnoreCase));
        }
    }

    private static int Rank(ScheduledJob job) => job.Phase switch
    {
        PollPhase.Done => 3, // a finished job's nice-to-have detail comes last
        PollPhase.New => 0,
        _ when job.Content?.Progress >= 80 => 1,
        PollPhase.Confirming => 1,
        _ => 2,
    };
}
