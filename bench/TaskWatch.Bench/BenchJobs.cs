using TaskWatch.Cloud;
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
            var job = new SimulatedJob
            {
                Id = new Guid(random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 16)).ToString(),
                ProjectId = project.ProjectId,
                Kind = kind,
                InstanceId = Convert.ToHexStringLower(random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 16)) + (project.Service == CloudService.Rds ? "in01" : "in02"),
                InstanceName = $"bench-{project.Service.ToString().ToLowerInvariant()}-{i:00000}",
                // Somewhere between 5% and 60% done, so none finishes during the run.
                CreatedUtc = now - (duration * (0.05 + (0.55 * random.NextDouble()))),
                Invisible = TimeSpan.Zero,
                Duration = duration,
                ProgressStep = 1,
            };
            simulator.Add(job);
            jobs.Add(job);
        }

        return jobs;
    }
}
