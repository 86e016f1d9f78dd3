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
    /// <summary>Throws InvalidOperationException when a value cannot be converted: the binder names key, value and type.</summary>
    public static TaskWatchSettings Bind(IConfiguration configuration) => new(
        configuration.GetSection(TaskWatchOptions.SectionName).Get<TaskWatchOptions>() ?? new TaskWatchOptions(),
        configuration.GetSection(InsightOptions.SectionName).Get<InsightOptions>() ?? new InsightOptions(),
        configuration.GetSection(AlertOptions.SectionName).Get<AlertOptions>() ?? new AlertOptions(),
        configuration.GetSection(AccessOptions.SectionName).Get<AccessOptions>() ?? new AccessOptions(),
        configuration.GetSection(ApiOptions.SectionName).Get<ApiOptions>() ?? new ApiOptions());
}
