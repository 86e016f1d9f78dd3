using Microsoft.EntityFrameworkCore;
using TaskWatch.Configuration;
using TaskWatch.Core;
using TaskWatch.Storage;

namespace TaskWatch.Simulator;

/// <summary>
/// Demo mode: starts the simulator beside TaskWatch and adds its accounts and projects to the
/// configuration, one per authentication style, so the real clients and poller read it over HTTP.
/// </summary>
public static class DemoSetup
{
    public const string TokenAccount = "demo-token";
    public const string PasswordAccount = "demo-password";
    public const string AkSkAccount = "demo-aksk";

    public static async Task<SimulatorHost> StartAsync(IConfigurationBuilder configuration, DemoOptions demo, TimeProvider time, CancellationToken cancellationToken)
    {
        var simulator = new TaskCenterSimulator(time, SimulatorCredentials.CreateRandom(), demo.Seed);
        var host = await SimulatorHost.StartAsync(simulator, cancellationToken: cancellationToken).ConfigureAwait(false);
        var c = simulator.Credentials;
        var settings = new Dictionary<string, string?>
        {
            [Key("Accounts", TokenAccount, "Auth")] = nameof(AuthMode.Token),
            [Key("Accounts", TokenAccount, "Token")] = c.FixedToken,
            [Key("Accounts", PasswordAccount, "Auth")] = nameof(AuthMode.Password),
            [Key("Accounts", PasswordAccount, "IamEndpoint")] = host.IamEndpoint.AbsoluteUri,
            [Key("Accounts", PasswordAccount, "Domain")] = c.Domain,
            [Key("Accounts", PasswordAccount, "User")] = c.User,
            [Key("Accounts", PasswordAccount, "Password")] = c.Password,
            [Key("Accounts", AkSkAccount, "Auth")] = nameof(AuthMode.AkSk),
            [Key("Accounts", AkSkAccount, "AccessKey")] = c.AccessKey,
            [Key("Accounts", AkSkAccount, "SecretKey")] = c.SecretKey,
        };
        AddProject(settings, simulator, host, ProjectNames[0], CloudService.Rds, "eu-de", PasswordAccount, listApi: true, demo.Hostile);
        AddProject(settings, simulator, host, ProjectNames[1], CloudService.Rds, "eu-nl", AkSkAccount, listApi: false, demo.Hostile);
        AddProject(settings, simulator, host, ProjectNames[2], CloudService.Dds, "eu-de", TokenAccount, listApi: true, demo.Hostile);
        // One account's budget covers all its services: the other services share the three accounts.
        AddProject(settings, simulator, host, ProjectNames[3], CloudService.TaurusDb, "eu-de", PasswordAccount, listApi: true, demo.Hostile);
        AddProject(settings, simulator, host, ProjectNames[4], CloudService.GaussDb, "eu-de", TokenAccount, listApi: true, demo.Hostile);
        AddProject(settings, simulator, host, ProjectNames[5], CloudService.GeminiDb, "eu-de", AkSkAccount, listApi: true, demo.Hostile);
        AddProject(settings, simulator, host, ProjectNames[6], CloudService.Ddm, "eu-de", TokenAccount, listApi: true, demo.Hostile);
        configuration.AddInMemoryCollection(settings);
        return host;
    }

    public static readonly IReadOnlyList<string> ProjectNames =
        ["demo-rds-eu-de", "demo-rds-eu-nl", "demo-dds-eu-de", "demo-taurusdb-eu-de", "demo-gaussdb-eu-de", "demo-geminidb-eu-de", "demo-ddm-eu-de"];

    /// <summary>
    /// A new simulator knows none of the last run's jobs: stop tracking them (their history stays)
    /// rather than show them as vanished from the cloud.
    /// </summary>
    public static async Task RetirePreviousRunAsync(IDbContextFactory<TaskWatchDbContext> dbFactory, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        await db.TrackedJobs
            .Where(j => j.IsTracking && ProjectNames.Contains(j.Project))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.IsTracking, false).SetProperty(j => j.StoppedUtc, now), cancellationToken)
            .ConfigureAwait(false);
    }

    private static void AddProject(Dictionary<string, string?> settings, TaskCenterSimulator simulator, SimulatorHost host, string name, CloudService service, string region, string account, bool listApi, SimulatorHostility hostility)
    {
        var project = simulator.AddProject(service, region);
        project.Hostility = hostility;
        settings[Key("Projects", name, "Account")] = account;
        settings[Key("Projects", name, "Service")] = service.ToString();
        settings[Key("Projects", name, "ProjectId")] = project.ProjectId;
        settings[Key("Projects", name, "Region")] = region;
        settings[Key("Projects", name, "Endpoint")] = host.EndpointOf(service).AbsoluteUri;
        settings[Key("Projects", name, "ListApi")] = listApi ? "true" : "false";
    }

    private static string Key(string group, string name, string field) => $"{TaskWatchOptions.SectionName}:{group}:{name}:{field}";
}
