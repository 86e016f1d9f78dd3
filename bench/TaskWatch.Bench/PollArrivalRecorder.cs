using Microsoft.AspNetCore.Http;
using System.Diagnostics;
using TaskWatch.Live;
using TaskWatch.Tracking;

namespace TaskWatch.Bench;

/// <summary>
/// Sits in front of the simulator's endpoints: for every job read that arrives it looks up the
/// job's due time in the poller's schedule (the job is in flight, so its due time is still the one
/// it was taken at; <see cref="ScheduledJob.WaitingSinceUtc"/> keeps the first due time when a job
/// was deferred) and records how late the request came.
/// </summary>
public sealed class PollArrivalRecorder
{
    private readonly Dictionary<string, string> _projectNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<double> _latenessMs = [];
    private readonly Lock _sync = new();
    private PollSchedule? _schedule;

    public void MapProject(string projectId, string projectName) => _projectNames[projectId] = projectName;

    public void Attach(PollSchedule? schedule) => _schedule = schedule;

    public double[] TakeLatenessMs()
    {
        lock (_sync)
        {
            var values = _latenessMs.ToArray();
            _latenessMs.Clear();
            return values;
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

                var late = (DateTime.UtcNow - due).TotalMilliseconds;
                lock (_sync)
                {
                    _latenessMs.Add(late);
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
