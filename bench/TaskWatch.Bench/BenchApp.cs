using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using TaskWatch.Core;
using TaskWatch.Hosting;
using TaskWatch.Simulator;
using TaskWatch.Tracking;

namespace TaskWatch.Bench;

/// <summary>
/// The real TaskWatch started in-process (demo off) on a loopback port, with one RDS and one DDS
/// project pointing at the bench's own simulator, and a temp database deleted on dispose.
/// </summary>
public sealed class BenchApp : IAsyncDisposable
{
    public const string RdsProject = "bench-rds";
    public const string DdsProject = "bench-dds";

    private readonly string _folder;

    private BenchApp(TaskWatchHost host, string folder)
    {
        Host = host;
        _folder = folder;
    }

    public TaskWatchHost Host { get; }

    public T Service<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public static async Task<BenchApp> StartAsync(SimulatorHost simulator, SimulatedProject rds, SimulatedProject dds, TimeSpan runningInterval, IDictionary<string, string?>? extra = null)
    {
        var folder = RepoPaths.TempFolder();
        var values = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["TaskWatch:Database"] = Path.Combine(folder, "taskwatch.db"),
            ["TaskWatch:Demo:Enabled"] = "false",
            ["TaskWatch:Polling:RunningInterval"] = runningInterval.ToString(),
            ["TaskWatch:Polling:MaxRunningInterval"] = runningInterval.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (name, project, endpoint) in new[] { (RdsProject, rds, simulator.RdsEndpoint), (DdsProject, dds, simulator.DdsEndpoint) })
        {
            // One account per project, each with a budget well above the demand.
            values[$"TaskWatch:Accounts:{name}:Auth"] = "Token";
            values[$"TaskWatch:Accounts:{name}:Token"] = simulator.Simulator.Credentials.FixedToken;
            values[$"TaskWatch:Accounts:{name}:CallsPerMinute"] = "100000";
            values[$"TaskWatch:Projects:{name}:Account"] = name;
            values[$"TaskWatch:Projects:{name}:Service"] = project.Service.ToString();
            values[$"TaskWatch:Projects:{name}:ProjectId"] = project.ProjectId;
            values[$"TaskWatch:Projects:{name}:Region"] = project.Region;
            values[$"TaskWatch:Projects:{name}:Endpoint"] = endpoint.AbsoluteUri;
            values[$"TaskWatch:Projects:{name}:ListApi"] = "false";
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        try
        {
            var host = await TaskWatchHost.StartAsync([], builder => builder.Configuration.AddInMemoryCollection(values));
            return new BenchApp(host, folder);
        }
        catch
        {
            RepoPaths.DeleteQuietly(folder);
            throw;
        }
    }

    /// <summary>Registers the jobs through the real registrar, a batch at a time.</summary>
    public async Task RegisterAsync(IEnumerable<(string Project, string JobId)> jobs)
    {
        var registrar = Service<JobRegistrar>();
        foreach (var chunk in jobs.Chunk(JobRegistrar.MaxBatch))
        {
            await registrar.RegisterAsync(chunk, RegistrationSource.Api, CancellationToken.None);
        }
    }

    public static string ProjectOf(CloudService service) => service == CloudService.Rds ? RdsProject : DdsProject;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Host.DisposeAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            RepoPaths.DeleteQuietly(_folder);
        }
    }
}
