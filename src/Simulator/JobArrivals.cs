namespace TaskWatch.Simulator;

/// <summary>
/// New jobs appearing in a set of projects at a rate a scenario sets, with the lives of a
/// <see cref="JobLifeMix"/>; each new job is handed to <c>started</c> (the bench registers it, as a
/// user would right after starting the operation). Waits on the simulator's clock.
/// </summary>
public sealed class JobArrivals(TaskCenterSimulator simulator, IReadOnlyList<SimulatedProject> projects, JobLifeMix mix, double perMinute, int seed)
{
    private readonly Random _random = new(seed);

    public async Task RunAsync(Func<SimulatedProject, SimulatedJob, Task> started, CancellationToken cancellationToken)
    {
        if (perMinute <= 0 || projects.Count == 0)
        {
            return;
        }

        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // Exponential gaps: arrivals at random, as operations are started by people and pipelines.
                var gap = TimeSpan.FromMinutes(-Math.Log(1 - _random.NextDouble()) / perMinute);
                await Task.Delay(gap, simulator.Time, cancellationToken).ConfigureAwait(false);
                var project = projects[_random.Next(projects.Count)];
                await started(project, simulator.StartJob(project, mix)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the scenario is over
        }
    }
}
