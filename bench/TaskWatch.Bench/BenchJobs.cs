using TaskWatch.Core;
using TaskWatch.Simulator;

namespace TaskWatch.Bench;

/// <summary>Long-running simulated jobs whose progress moves by one step every <c>stepEvery</c>.</summary>
public static class BenchJobs
{
    public static List<SimulatedJob> AddRunning(TaskCenterSimulator simulator, SimulatedProject project, int count, TimeSpan stepEvery, int seed)
    {
        var random = new Random(seed);
        var kind = SimulatedJobKind.All.First(k => k.Service == project.Service);
        var duration = stepEvery * 100; // ProgressStep 1: one percent per step
        var jobs = new List<SimulatedJob>(count);
        var now = simulator.UtcNow;
        for (var i = 0; i < count; i++)
        {
            // Somewhere between 5% and 60% done (in steps of one percent), so none finishes during the run.
            var done = 100 * (0.05 + (0.55 * random.NextDouble()));
            // A random point within the current step, independent of when the job was created: with the
            // duration alone fixing the step times, jobs created close together (the newest, on the
            // dashboard's screen) would all step within the same few seconds of every cycle. The duration
            // is stretched or shrunk so that the job has done exactly floor(done) + phase steps now; on
            // average a job still moves one step per stepEvery.
            var steps = Math.Floor(done) + random.NextDouble();
            var job = new SimulatedJob
            {
                Id = new Guid(random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 16)).ToString(),
                ProjectId = project.ProjectId,
                Kind = kind,
                InstanceId = Convert.ToHexStringLower(random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 16)) + (project.Service == CloudService.Rds ? "in01" : "in02"),
                InstanceName = $"bench-{project.Service.ToString().ToLowerInvariant()}-{i:00000}",
                CreatedUtc = now - (duration * done / 100),
                Invisible = TimeSpan.Zero,
                Duration = duration * (done / steps),
                ProgressStep = 1,
            };
            simulator.Add(job);
            jobs.Add(job);
        }

        return jobs;
    }
}
