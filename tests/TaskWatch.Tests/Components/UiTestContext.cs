using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using TaskWatch.Cloud;
using TaskWatch.Components.Model;
using TaskWatch.Configuration;
using TaskWatch.Live;
using TaskWatch.Security;
using TaskWatch.Tests.Support;
using TaskWatch.Tracking;

namespace TaskWatch.Tests.Components;

/// <summary>
/// bUnit with what every TaskWatch page injects: MudBlazor's services (browser calls answered loosely), a fixed
/// clock, a live store the test publishes to, two configured projects, and a popover provider for the selects'
/// lists. The services are real; only the clock is fake.
/// </summary>
public abstract class UiTestContext : BunitContext
{
    public static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    /// <param name="app">A running TaskWatch whose registrar , queries and alert log (its database) the pages use; without one a
    /// registrar that is never called (the dashboard injects it) and no queries.</param>
    /// <param name="popovers">False for a component that brings its own providers (the layout).</param>
    protected UiTestContext(TestApp? app = null, bool popovers = true)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Time = new FakeTimeProvider(new DateTimeOffset(Now));
        Live = new LiveJobStore(Time);
        Options = new TaskWatchOptions();
        foreach (var (name, service) in new[] { ("prod-rds", "Rds"), ("prod-dds", "Dds") })
        {
            Options.Accounts["ops"] = new AccountOptions { Auth = "Token", Token = "t" };
            Options.Projects[name] = new ProjectOptions { Account = "ops", Service = service, ProjectId = "0483b6b16e954cb88930a360d2c4e663", Region = "eu-de", Endpoint = "https://rds.example.test" };
        }

        Services.AddMudServices();
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton(Live);
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(Options));
        // The real catalog with the real dialect registry (each project's list page size is its service's): the cloud clients' registration.
        Services.AddLogging();
        Services.AddCloudClients();
        Services.AddScoped<ViewerClock>();
        Services.AddSingleton(_ => new TaskWatch.Insight.RunbookCatalog(Runbooks));
        Services.AddSingleton<TaskWatch.Insight.JobRunbooks>();
        // The user of a TaskWatch on loopback: every role (src/Security's Local scheme).
        Auth = AddAuthorization();
        Auth.SetAuthorized(AccessClaims.LocalName);
        Auth.SetRoles(AccessRoles.Admin);
        Auth.SetPolicies(AccessRoles.Viewer, AccessRoles.Operator, AccessRoles.Admin);
        Services.AddSingleton(new StorageHealth());
        if (app is not null)
        {
            Services.AddSingleton(app.Service<JobRegistrar>());
            Services.AddSingleton(app.Service<PollSchedule>());
            Services.AddSingleton(app.Service<IJobAcknowledger>());
            Services.AddSingleton(app.Service<TaskWatch.Insight.InstanceReader>());
            Services.AddSingleton(app.Service<TaskWatch.Storage.JobQueries>());
            Services.AddSingleton(app.Service<TaskWatch.Storage.AuditLog>());
            Services.AddSingleton(app.Service<TaskWatch.Alerts.AlertDeliveryLog>());
            Services.AddSingleton(app.Service<TaskWatch.Alerts.AlertSetup>());
        }
        else
        {
            Services.AddSingleton(new PollSchedule());
            Services.AddSingleton(sp => new JobRegistrar(sp.GetRequiredService<ProjectCatalog>(), null!, null!, Live, null!, Time));
            Acknowledger = new FakeAcknowledger(Live, Time);
            Services.AddSingleton<IJobAcknowledger>(Acknowledger);
        }
        _popovers = popovers ? Render<MudPopoverProvider>() : null;
    }

    private readonly IRenderedComponent<MudPopoverProvider>? _popovers;

    /// <summary>Who the pages see: "this machine" with every role until a test says otherwise.</summary>
    public Bunit.TestDoubles.BunitAuthorizationContext Auth { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>The configured runbooks the pages see; fill before the first render.</summary>
    public Dictionary<string, TaskWatch.Insight.RunbookOptions> Runbooks { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Without a running app: acknowledgements land in the live store only.</summary>
    public FakeAcknowledger? Acknowledger { get; }

    public LiveJobStore Live { get; }

    public TaskWatchOptions Options { get; }

    /// <summary>Where the selects' lists and the dialogs' popovers render.</summary>
    public IRenderedComponent<MudPopoverProvider> Popovers => _popovers ?? throw new InvalidOperationException("this test renders its own popover provider");

    public ViewerClock Clock => Services.GetRequiredService<ViewerClock>();

    /// <summary>Opens a MudSelect as a user does (press on it) and picks the option with this text.</summary>
    public void Pick(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> page, string testId, string option)
    {
        page.Find($"[data-testid={testId}]").Closest(".mud-input-control")!.MouseDown();
        Popovers.WaitForAssertion(() => Assert.NotEmpty(Popovers.FindAll(".mud-list-item")));
        Popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == option).Click();
    }
}
