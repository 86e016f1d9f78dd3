using Microsoft.Extensions.Options;
using TaskWatch.Cloud;
using TaskWatch.Configuration;
using TaskWatch.Core;
using TaskWatch.Tracking;

namespace TaskWatch.Simulator;

/// <summary>
/// Keeps the demo alive: starts simulated jobs in the demo projects and registers them through the
/// same registrar users use. At start it plays a little history (finished and failed jobs) so a
/// newcomer sees every state at once.
/// </summary>
public sealed class DemoJobFeeder(
    SimulatorHost host,
    ProjectCatalog projects,
    JobRegistrar registrar,
    IOptions<TaskWatchOptions> options,
    TimeProvider time,
    ILogger<DemoJobFeeder> logger) : BackgroundService
{
    /// <summary>The demo stops tracking its oldest finished jobs beyond this many (their history stays).</summary>
    public const int MaxTrackedDemoJobs = 150;

    private readonly Queue<(string Project, string JobId)> _registered = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var demo = options.Value.Demo;
        var demoProjects = projects.All
            .Select(p => (Project: p, Simulated: host.Simulator.FindProject(p.ProjectId)))
            .Where(p => p.Simulated is not null)
            .ToList();
        if (demoProjects.Count == 0)
        {
            return;
        }

        var random = new Random(demo.Seed);
        try
        {
            // A little history first: jobs that started minutes ago, some finished, some failed.
            foreach (var (project, simulated) in demoProjects)
            {
                for (var i = 0; i < 4; i++)
                {
                    var job = host.Simulator.StartJob(simulated!, demo.Speed, ago: TimeSpan.FromSeconds(random.Next(20, 400)), failShare: 0.3);
                    await RegisterAsync(project, job, stoppingToken).ConfigureAwait(false);
                }
            }

            var every = TimeSpan.FromMinutes(1.0 / Math.Max(0.1, demo.JobsPerMinute));
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(every, time, stoppingToken).ConfigureAwait(false);
                var (project, simulated) = demoProjects[random.Next(demoProjects.Count)];
                // Real lives: most complete, some fail with a reason, some run far longer, a few never end.
                var job = host.Simulator.StartJob(simulated!, demo.Speed, failShare: demo.FailShare, longRunnerShare: demo.LongRunnerShare, neverEndsShare: demo.NeverEndsShare);
                await RegisterAsync(project, job, stoppingToken).ConfigureAwait(false);
                await TrimAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutdown
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The demo feeder stopped; the tracked demo jobs go on being polled");
        }
    }

    private async Task RegisterAsync(CloudProject project, SimulatedJob job, CancellationToken cancellationToken)
    {
        await registrar.RegisterAsync([(project.Name, job.Id)], RegistrationSource.Demo, cancellationToken).ConfigureAwait(false);
        _registered.Enqueue((project.Name, job.Id));
    }

    private async Task TrimAsync(CancellationToken cancellationToken)
    {
        while (_registered.Count > MaxTrackedDemoJobs)
        {
            var (project, jobId) = _registered.Dequeue();
            await registrar.StopAsync(new JobKey(project, jobId), cancellationToken).ConfigureAwait(false);
        }
    }
}
