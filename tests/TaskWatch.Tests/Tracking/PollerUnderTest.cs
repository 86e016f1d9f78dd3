using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TaskWatch.Cloud;
using TaskWatch.Core;
using TaskWatch.Live;
using TaskWatch.Simulator;
using TaskWatch.Tests.Cloud;
using TaskWatch.Tests.Support;
using TaskWatch.Tracking;

namespace TaskWatch.Tests.Tracking;

/// <summary>
/// The real TaskWatch (poller, clients, writer, live store) against the simulator, both on one
/// <see cref="FakeTimeProvider"/> that the test moves forward. After each step it waits until every
/// call the budget granted has been answered, so calls are stamped with the time they were made.
/// </summary>
public sealed class PollerUnderTest : IAsyncDisposable
{
    public const string Account = "acct";

    private PollerUnderTest(FakeTimeProvider time, SimulatedCloud cloud, TestApp app, IReadOnlyList<(string Name, SimulatedProject Project)> projects)
    {
        Time = time;
        Cloud = cloud;
        App = app;
        Projects = projects;
    }

    public FakeTimeProvider Time { get; }

    public SimulatedCloud Cloud { get; }

    public TestApp App { get; private set; }

    public IReadOnlyList<(string Name, SimulatedProject Project)> Projects { get; }

    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    public LiveJobStore Live => App.Service<LiveJobStore>();

    public CallBudgetLimiter Budget => App.Service<AccountBudgets>().For(Account);

    public static Task<PollerUnderTest> StartAsync(int projectCount, bool listApi, int callsPerMinute = 60, IDictionary<string, string?>? extra = null) =>
        StartAsync((cloud, settings, projects) =>
        {
            settings[$"TaskWatch:Accounts:{Account}:Auth"] = "Token";
            settings[$"TaskWatch:Accounts:{Account}:Token"] = cloud.Simulator.Credentials.FixedToken;
            settings[$"TaskWatch:Accounts:{Account}:CallsPerMinute"] = callsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 0; i < projectCount; i++)
            {
                var name = $"rds-{i:00}";
                var project = cloud.Simulator.AddProject(CloudService.Rds, "eu-de");
                projects.Add((name, project));
                settings[$"TaskWatch:Projects:{name}:Account"] = Account;
                settings[$"TaskWatch:Projects:{name}:Service"] = "Rds";
                settings[$"TaskWatch:Projects:{name}:ProjectId"] = project.ProjectId;
                settings[$"TaskWatch:Projects:{name}:Region"] = "eu-de";
                settings[$"TaskWatch:Projects:{name}:Endpoint"] = cloud.Host.RdsEndpoint.AbsoluteUri;
                settings[$"TaskWatch:Projects:{name}:ListApi"] = listApi ? "true" : "false";
            }

            foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            {
                settings[key] = value;
            }
        });

    /// <summary>
    /// Any accounts and projects: <paramref name="setup"/> adds the simulator's projects and the
    /// configuration (accounts, projects, polling) on top of fast polling defaults.
    /// </summary>
    public static async Task<PollerUnderTest> StartAsync(Action<SimulatedCloud, Dictionary<string, string?>, List<(string Name, SimulatedProject Project)>> setup)
    {
        // Whole seconds: the list API's time filter has a resolution of one second.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var iam = new StrongBox<int>();
        var cloud = await SimulatedCloud.StartAsync(time, app => app.Use(async (ctx, next) =>
        {
            if (!ctx.Request.Path.StartsWithSegments("/iam"))
            {
                await next(ctx);
                return;
            }

            Interlocked.Increment(ref iam.Value);
            try
            {
                await next(ctx);
            }
            finally
            {
                Interlocked.Decrement(ref iam.Value);
            }
        }));
        var projects = new List<(string Name, SimulatedProject Project)>();
        var settings = new Dictionary<string, string?>
        {
            ["TaskWatch:Demo:Enabled"] = "false",
            ["TaskWatch:Polling:RunningInterval"] = "00:00:05",
            ["TaskWatch:Polling:MaxRunningInterval"] = "00:00:30",
            ["TaskWatch:Polling:NotFoundRetryInterval"] = "00:00:03",
            ["TaskWatch:Polling:RetryDelay"] = "00:00:00.200",
        };
        setup(cloud, settings, projects);
        var app = await TestApp.StartAsync(settings, configure: b => b.Services.AddSingleton<TimeProvider>(time));
        return new PollerUnderTest(time, cloud, app, projects) { _settings = settings, _iam = iam };
    }

    private Dictionary<string, string?> _settings = [];

    /// <summary>IAM calls being answered (a token renewal is followed by the call that needed it).</summary>
    private StrongBox<int> _iam = new();

    /// <summary>A job that runs for hours and whose progress rarely moves (the budget's worst case).</summary>
    public SimulatedJob AddLongJob(SimulatedProject project, TimeSpan? duration = null)
    {
        var template = Cloud.Simulator.StartJob(project, ago: TimeSpan.FromMinutes(10), failShare: 0);
        var job = template with { Duration = duration ?? TimeSpan.FromHours(10), Invisible = TimeSpan.Zero };
        Cloud.Simulator.Add(job);
        return job;
    }

    public async Task RegisterAsync(IEnumerable<(string Project, string JobId)> jobs)
    {
        var results = await App.Service<JobRegistrar>().RegisterAsync([.. jobs], RegistrationSource.Api, CancellationToken.None);
        Assert.All(results, r => Assert.Equal(RegistrationOutcome.Registered, r.Outcome));
        await SettleAsync();
    }

    /// <summary>Moves the clock by <paramref name="step"/> and lets everything that became due run.</summary>
    public async Task StepAsync(TimeSpan step)
    {
        Time.Advance(step);
        await SettleAsync();
    }

    /// <summary>
    /// Waits (real time) until every granted call has arrived and been answered, the answers are
    /// stored and the state is quiet for a moment; a call waiting for budget, for a retry or for its
    /// added latency waits for the clock. <paramref name="alsoUntil"/> adds a condition of the
    /// caller's (say, that TaskWatch has taken in every 429); after <see cref="SettleTimeout"/> it
    /// gives up, goes on and returns false.
    /// </summary>
    public async Task<bool> SettleAsync(Func<bool>? alsoUntil = null)
    {
        var writer = App.Service<JobStateWriter>();
        var poller = App.Service<JobPoller>();
        var deadline = DateTime.UtcNow + SettleTimeout;
        var quiet = 0;
        var quietSince = DateTime.MaxValue;
        long lastCalls = -1;
        // Quiet means three checks in a row and 5 ms of real time: on a loaded machine three checks can
        // come within a millisecond, before an answer that has arrived is taken in.
        while ((quiet < 3 || DateTime.UtcNow - quietSince < QuietTime) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1);
            // A call granted by its budget may wait for a place of its endpoint behind one that waits for the clock.
            var granted = App.Service<AccountBudgets>().All.Values.Sum(b => b.Granted) - App.Service<EndpointGates>().Waiting;
            var calls = Cloud.ApiCalls;
            var answering = Cloud.InFlight - Cloud.Simulator.Faults.Delayed;
            // Until the poll loop sleeps past the current time, rounds that became due may not have started.
            var loopCaughtUp = poller.WakeUtc > Now;
            if (loopCaughtUp && answering == 0 && Volatile.Read(ref _iam.Value) == 0 && calls >= granted && calls == lastCalls && (alsoUntil is null || alsoUntil()))
            {
                quietSince = quiet++ == 0 ? DateTime.UtcNow : quietSince;
            }
            else
            {
                quiet = 0;
                quietSince = DateTime.MaxValue;
            }

            lastCalls = calls;
        }

        await writer.FlushAsync(CancellationToken.None);
        if (quiet < 3)
        {
            Interlocked.Increment(ref _unsettled);
        }

        return quiet >= 3;
    }

    private static readonly TimeSpan QuietTime = TimeSpan.FromMilliseconds(5);

    private int _unsettled;

    /// <summary>
    /// How long <see cref="SettleAsync"/> waits (real time) before it moves on. 5 s suits the hostile
    /// tests, where a hung connection only ends when the clock moves; a budget test that measures ages
    /// on the fake clock sets more, since moving the clock while answers are still on their way ages them.
    /// </summary>
    public TimeSpan SettleTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many waits for the poller ran out before it was quiet.</summary>
    public int UnsettledSteps => Volatile.Read(ref _unsettled);

    /// <summary>Stops TaskWatch and starts it again on the same database (and the same simulator and clock).</summary>
    public async Task RestartAsync()
    {
        var database = App.DatabasePath;
        var folder = Path.GetDirectoryName(database)!;
        await App.Host.DisposeAsync();
        App.Http.Dispose();
        App = await TestApp.StartAsync(_settings, databasePath: database, configure: b => b.Services.AddSingleton<TimeProvider>(Time));
        _restartFolder = folder;
        await SettleAsync();
    }

    private string? _restartFolder;

    /// <summary>The oldest shown state of a running job: now minus its last good read.</summary>
    public TimeSpan OldestRunningState() =>
        Live.Snapshot().Where(v => v.State == JobState.Running && v.LastReadUtc is not null)
            .Select(v => Now - v.LastReadUtc!.Value)
            .DefaultIfEmpty(TimeSpan.Zero)
            .Max();

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (_restartFolder is not null && Directory.Exists(_restartFolder))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_restartFolder, recursive: true);
        }

        await Cloud.DisposeAsync();
    }
}
