using Microsoft.AspNetCore.Http;
using System.Diagnostics;
using TaskWatch.Core;
using TaskWatch.Tracking;

namespace TaskWatch.Bench;

/// <summary>
/// Sits in front of the simulator's endpoints: for every job read that arrives it looks up the
/// job's due time in the poller's schedule (the job is in flight, so its due time is still the one
/// it was taken at; <see cref="ScheduledJob.WaitingSinceUtc"/> keeps the first due time when a job
/// was deferred) and records the job, that due time and the arrival.
/// </summary>
public sealed class PollArrivalRecorder
{
    private readonly Dictionary<string, string> _projectNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Arrival> _arrivals = [];
    private readonly Lock _sync = new();
    private PollSchedule? _schedule;

    private readonly record struct Arrival(JobKey Job, DateTime DueUtc, DateTime ArrivedUtc);

    public void MapProject(string projectId, string projectName) => _projectNames[projectId] = projectName;

    public void Attach(PollSchedule? schedule) => _schedule = schedule;

    /// <summary>How late each read that arrived in [from, to) came, against its due time.</summary>
    public double[] LatenessMs(DateTime fromUtc, DateTime toUtc)
    {
        lock (_sync)
        {
            return _arrivals.Where(a => a.ArrivedUtc >= fromUtc && a.ArrivedUtc < toUtc).Select(a => (a.ArrivedUtc - a.DueUtc).TotalMilliseconds).ToArray();
        }
    }

    /// <summary>
    /// The polls due in [from, to): those read (each job and due time once, so a retried request
    /// counts once) and those still waiting in the schedule with a due time in the window. Done is a
    /// part of demanded by construction. Call it a little after the window, so that polls due at
    /// its end have had the time to go out.
    /// </summary>
    public PollTally Tally(DateTime fromUtc, DateTime toUtc)
    {
        var schedule = _schedule ?? throw new InvalidOperationException("No schedule attached.");
        var demanded = new HashSet<(JobKey, DateTime)>();
        var done = new HashSet<(JobKey, DateTime)>();
        lock (_sync)
        {
            foreach (var a in _arrivals.Where(a => a.DueUtc >= fromUtc && a.DueUtc < toUtc))
            {
                done.Add((a.Job, a.DueUtc));
            }
        }

        demanded.UnionWith(done);
        foreach (var project in _projectNames.Values.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var jobs = schedule.AllOfProject(project);
            lock (schedule.Sync)
            {
                foreach (var job in jobs)
                {
                    var due = job.WaitingSinceUtc ?? job.DueUtc;
                    if (due >= fromUtc && due < toUtc)
                    {
                        demanded.Add((job.Key, due));
                    }
                }
            }
        }

        return new PollTally(demanded.Count, done.Count);
    }

    /// <summary>Drops what no later window will look at.</summary>
    public void Forget(DateTime beforeUtc)
    {
        lock (_sync)
        {
            _arrivals.RemoveAll(a => a.ArrivedUtc < beforeUtc && a.DueUtc < beforeUtc);
        }
    }

    public async Task InvokeAsync(HttpContext http, Func<Task> next)
    {
        if (_schedule is { } schedule && http.Request.Query["id"] is { Count: 1 } id)
        {
            var segments = http.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length >= 3 && _projectNames.TryGetValue(segments[2], out var project) && schedule.Find(new JobKey(project, id[0]!)) is { } job)
            {
                DateTime due;
                lock (schedule.Sync)
                {
                    due = job.WaitingSinceUtc ?? job.DueUtc;
                }

                var arrival = new Arrival(job.Key, due, DateTime.UtcNow);
                lock (_sync)
                {
                    _arrivals.Add(arrival);
                }
            }
        }

        await next();
    }

    /// <summary>CPU time of this process so far.</summary>
    public static TimeSpan ProcessCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
