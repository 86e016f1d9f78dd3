using System.Net.Http.Json;
using System.Text.Json;
using TaskWatch.Core;
using TaskWatch.Simulator;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Reliability;

/// <summary>
/// Several TaskWatch processes on one PostgreSQL database and one simulator, all on loopback: the accounts are
/// configured alike on every instance (the fixed token of the simulator; each account has its own project).
/// Disposing kills the processes and stops the simulator; the database dies with the tests' server.
/// </summary>
public sealed class MultiInstanceCluster : IAsyncDisposable
{
    private readonly List<ChildTaskWatch> _instances = [];
    private readonly TempFolder _folder = new();

    private MultiInstanceCluster(TaskCenterSimulator simulator, SimulatorHost host, Dictionary<string, string> environment, IReadOnlyDictionary<string, string> projectIds)
    {
        Simulator = simulator;
        Host = host;
        Environment = environment;
        ProjectIds = projectIds;
    }

    public TaskCenterSimulator Simulator { get; }

    public SimulatorHost Host { get; }

    public Dictionary<string, string> Environment { get; }

    /// <summary>The simulator's project id of each TaskWatch project ("p-" + account).</summary>
    public IReadOnlyDictionary<string, string> ProjectIds { get; }

    public IReadOnlyList<ChildTaskWatch> Instances => _instances;

    public static async Task<MultiInstanceCluster> StartAsync(string connectionString, IReadOnlyList<string> accounts, int callsPerMinute, int instances, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? settings = null)
    {
        var simulator = new TaskCenterSimulator(TimeProvider.System, SimulatorCredentials.CreateRandom(), seed: 16)
        {
            // All accounts use the one fixed token, so the simulator counts them as one user: their budgets
            // together are the user's, and any account polled by two instances at once would show as excess.
            CallsPerMinutePerUser = callsPerMinute * accounts.Count,
        };
        var host = await SimulatorHost.StartAsync(simulator, cancellationToken: cancellationToken);
        var environment = new Dictionary<string, string>
        {
            ["TaskWatch__Storage__Provider"] = "PostgreSQL",
            ["ConnectionStrings__TaskWatch"] = connectionString,
            ["TaskWatch__Polling__RunningInterval"] = "00:00:00.500",
            ["TaskWatch__Polling__NotFoundRetryInterval"] = "00:00:00.500",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var projectIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var account in accounts)
        {
            var project = simulator.AddProject(CloudService.Rds, "eu-de");
            projectIds["p-" + account] = project.ProjectId;
            environment[$"TaskWatch__Accounts__{account}__Auth"] = "Token";
            environment[$"TaskWatch__Accounts__{account}__Token"] = simulator.Credentials.FixedToken;
            environment[$"TaskWatch__Accounts__{account}__CallsPerMinute"] = callsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
            environment[$"TaskWatch__Projects__p-{account}__Account"] = account;
            environment[$"TaskWatch__Projects__p-{account}__Service"] = "Rds";
            environment[$"TaskWatch__Projects__p-{account}__ProjectId"] = project.ProjectId;
            environment[$"TaskWatch__Projects__p-{account}__Region"] = "eu-de";
            environment[$"TaskWatch__Projects__p-{account}__Endpoint"] = host.RdsEndpoint.AbsoluteUri;
        }

        var cluster = new MultiInstanceCluster(simulator, host, environment, projectIds);
        try
        {
            // One after the other: the first creates the schema, the others find it migrated.
            for (var i = 0; i < instances; i++)
            {
                cluster._instances.Add(await ChildTaskWatch.StartAsync(Path.Combine(cluster._folder.Path, $"unused-{i}.db"), environment, cancellationToken));
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>One more instance on the same database and simulator, started after the others.</summary>
    public async Task<ChildTaskWatch> AddInstanceAsync(CancellationToken cancellationToken)
    {
        var instance = await ChildTaskWatch.StartAsync(Path.Combine(_folder.Path, $"unused-{_instances.Count}.db"), Environment, cancellationToken);
        _instances.Add(instance);
        return instance;
    }

    /// <summary>A running job in the simulator's project of <paramref name="taskWatchProject"/>; with <paramref name="failsAt"/> it fails at that fraction of its duration.</summary>
    public SimulatedJob AddJob(string taskWatchProject, TimeSpan duration, double? failsAt = null)
    {
        var job = new SimulatedJob
        {
            Id = Guid.NewGuid().ToString(),
            ProjectId = ProjectIds[taskWatchProject],
            Kind = SimulatedJobKind.All.First(k => k.Service == CloudService.Rds),
            InstanceId = Guid.NewGuid().ToString("N"),
            InstanceName = "multi-" + taskWatchProject,
            CreatedUtc = Simulator.UtcNow,
            Invisible = TimeSpan.Zero,
            Duration = duration,
            ProgressStep = 1,
            FailsAt = failsAt,
            FailReason = failsAt is null ? null : "simulated failure",
        };
        Simulator.Add(job);
        return job;
    }

    /// <summary>The accounts each instance's /healthz says it polls (null for an instance that is gone).</summary>
    public async Task<List<string[]?>> HeldAsync(CancellationToken cancellationToken)
    {
        var held = new List<string[]?>();
        foreach (var instance in _instances)
        {
            if (instance.Process.HasExited)
            {
                held.Add(null);
                continue;
            }

            using var http = new HttpClient { BaseAddress = instance.BaseUri };
            var health = await http.GetFromJsonAsync<JsonElement>("/healthz", cancellationToken);
            held.Add([.. health.GetProperty("checks").GetProperty("accounts").GetProperty("heldAccounts").EnumerateArray().Select(a => a.GetString()!)]);
        }

        return held;
    }

    /// <summary>Calls the simulator refused because its user was over the budget.</summary>
    public int OverBudgetCalls => Simulator.Faults.Log.Count(r => r.Fault == SimulatorFaults.OverUserBudget);

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            instance.Dispose();
        }

        await Host.DisposeAsync();
        _folder.Dispose();
    }
}
