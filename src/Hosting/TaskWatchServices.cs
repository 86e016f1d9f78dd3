using Microsoft.Extensions.Options;
using TaskWatch.Alerts;
using TaskWatch.Api;
using TaskWatch.Cloud;
using TaskWatch.Components;
using TaskWatch.Configuration;
using TaskWatch.Insight;
using TaskWatch.Live;
using TaskWatch.Operations;
using TaskWatch.Security;
using TaskWatch.Simulator;
using TaskWatch.Storage;
using TaskWatch.Tracking;

namespace TaskWatch.Hosting;

/// <summary>All of TaskWatch's service registration, in the order data flows through it.</summary>
public static class TaskWatchServices
{
    public static WebApplicationBuilder AddTaskWatch(this WebApplicationBuilder builder, SimulatorHost? demo)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(TaskWatchOptions.SectionName);
        var options = section.Get<TaskWatchOptions>() ?? new TaskWatchOptions();

        // Configuration
        services.AddOptions<TaskWatchOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TaskWatchOptions>, TaskWatchOptionsValidator>();
        services.AddOptions<InsightOptions>().Bind(builder.Configuration.GetSection(InsightOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InsightOptions>, InsightOptionsValidator>();
        services.AddOptions<AlertOptions>().Bind(builder.Configuration.GetSection(AlertOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>();
        // Validated with the rest at start-up (StartupValidation); an entry that does not compile never gets here.
        services.AddSingleton(new RunbookCatalog(TaskWatchSettings.BindRunbooks(builder.Configuration)));
        services.AddSingleton<JobRunbooks>();
        services.TryAddSingletonTimeProvider();
        // Container runtimes kill 10 s after SIGTERM; the stop is asked to take 5 s at most, start to exit.
        // The poller's and the writer's own last waits fit inside this; it bounds whatever else would not.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(4));

        // Cloud clients
        services.AddCloudClients();

        // Polling
        services.AddSingleton(sp => new JobPollPolicy(sp.GetRequiredService<IOptions<TaskWatchOptions>>().Value.Polling));
        services.AddSingleton<PollSchedule>();
        services.AddSingleton<PollerSignal>();
        services.AddSingleton<PollerMetrics>();
        services.AddSingleton<JobRegistrar>();
        services.AddSingleton<JobAcknowledger>();
        services.AddSingleton<IJobAcknowledger>(sp => sp.GetRequiredService<JobAcknowledger>());
        services.AddSingleton<StorageHealth>();
        services.AddSingleton<JobStateWriter>();
        services.AddHostedService<InsightSeeder>(); // before the writer: ETAs from the first published view
        services.AddHostedService(sp => sp.GetRequiredService<JobStateWriter>());
        services.AddSingleton<StoredScheduleLoader>();
        services.AddSingleton<Tracking.Leases.AccountScheduleLoader>();
        services.AddSingleton<ConfiguredJobRegistration>();
        services.AddSingleton<TaskCenterCalls>();
        services.AddSingleton<ReadAnswerApplier>();
        services.AddSingleton<ListApiAvailability>();
        services.AddSingleton<ListSweep>();
        services.AddSingleton<ProjectRounds>();
        services.AddSingleton<ProjectDiscovery>();
        services.AddSingleton<JobPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<JobPoller>());

        // Storage (TaskWatch:Storage:Provider: SQLite or PostgreSQL)
        services.AddTaskWatchStorage(builder.Configuration, options);
        services.AddSingleton<JobQueries>();
        services.AddSingleton<InstanceReader>();
        services.AddSingleton<SnapshotRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<SnapshotRetention>()); // TaskWatch:SnapshotRetentionDays

        // Live feed
        services.AddSingleton<LiveJobStore>();
        services.AddSingleton<JobWaiters>();
        services.AddSingleton<JobEventFeed>();
        services.AddSingleton<OpenRequestCaps>(); // open waits and event streams, per client and in total

        // Insight (ETA, overdue) and alerts: fed by the writer after each commit
        services.AddSingleton<JobInsight>();
        services.AddSingleton<IJobViewEnricher>(sp => sp.GetRequiredService<JobInsight>());
        services.AddSingleton<AlertSetup>();
        services.AddSingleton<AlertQueue>();
        services.AddSingleton<AlertSender>();
        services.AddSingleton<AlertDeliveryLog>();
        services.AddSingleton<IJobCommitListener, AlertTriggers>();
        services.AddSingleton<AlertDeliveryService>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertDeliveryService>());

        // Demo
        if (demo is not null)
        {
            services.AddSingleton(demo);
            services.AddHostedService<DemoJobFeeder>();
        }

        // Security (src/Security): access policy, API rate limits, cookie sign-in; the audit records sign-ins and refusals.
        services.AddSingleton<AuditLog>();
        services.AddSingleton<IAccessEvents, AuditedAccessEvents>();
        services.AddTaskWatchSecurity(builder.Configuration);
        services.AddTaskWatchDataProtection();

        // API and UI
        services.AddProblemDetails();
        services.AddTaskWatchOpenApi();
        services.AddTaskWatchOperations(builder.Configuration); // metrics, health, start-up report (src/Operations)
        // The registration box sends its whole text on each input: a paste of the 1,000 ids it takes
        // (up to JobRegistrationForm.MaxTextLength characters) must fit in one message, which the
        // default of 32 KB does not; past the limit the circuit would drop and the paste be lost.
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = 512 * 1024);
        services.AddTaskWatchUi();
        return builder;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
