using TaskWatch.Alerts;
using TaskWatch.Configuration;
using TaskWatch.Insight;
using TaskWatch.Security;

namespace TaskWatch.Hosting;

/// <summary>
/// Every section TaskWatch reads, as bound at start: the settings all parts share, and those a feature owns and binds
/// on its own (insight, alerts, access, the API's limit). Start-up checks them together, so one run names every problem.
/// </summary>
public sealed record TaskWatchSettings(TaskWatchOptions Shared, InsightOptions Insight, AlertOptions Alerts, AccessOptions Access, ApiOptions Api)
{
    /// <summary><c>TaskWatch:Runbooks</c>: the links to what to do, per job name, failure reason and service.</summary>
    public Dictionary<string, RunbookOptions> Runbooks { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Throws InvalidOperationException when a value cannot be converted: the binder names key, value and type.</summary>
    public static TaskWatchSettings Bind(IConfiguration configuration) => new TaskWatchSettings(
        configuration.GetSection(TaskWatchOptions.SectionName).Get<TaskWatchOptions>() ?? new TaskWatchOptions(),
        configuration.GetSection(InsightOptions.SectionName).Get<InsightOptions>() ?? new InsightOptions(),
        configuration.GetSection(AlertOptions.SectionName).Get<AlertOptions>() ?? new AlertOptions(),
        configuration.GetSection(AccessOptions.SectionName).Get<AccessOptions>() ?? new AccessOptions(),
        configuration.GetSection(ApiOptions.SectionName).Get<ApiOptions>() ?? new ApiOptions())
    {
        Runbooks = BindRunbooks(configuration),
    };

    public static Dictionary<string, RunbookOptions> BindRunbooks(IConfiguration configuration) =>
        new(configuration.GetSection(RunbookCatalog.SectionName).Get<Dictionary<string, RunbookOptions>>() ?? [], StringComparer.OrdinalIgnoreCase);
}
