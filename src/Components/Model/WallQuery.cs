using Microsoft.AspNetCore.WebUtilities;
using TaskWatch.Core;

namespace TaskWatch.Components.Model;

/// <summary>The wall's settings, all from its URL (a TV has no one to click): filters and the quiet reload period.</summary>
public sealed record WallQuery(string? Project, CloudService? Service, int ReloadMinutes)
{
    public const int DefaultReloadMinutes = 360;

    public static WallQuery FromQuery(string? query)
    {
        var q = QueryHelpers.ParseQuery(query);
        var project = q.GetValueOrDefault("project").ToString();
        var service = Enum.TryParse<CloudService>(q.GetValueOrDefault("service").ToString(), true, out var s) && Enum.IsDefined(s) ? s : (CloudService?)null;
        var reload = int.TryParse(q.GetValueOrDefault("reload").ToString(), out var m) && m > 0 ? Math.Min(m, 7 * 24 * 60) : DefaultReloadMinutes;
        return new WallQuery(string.IsNullOrWhiteSpace(project) ? null : project.Trim(), service, reload);
    }

    public bool Matches(JobView job) =>
        (Service is not { } service || job.Service == service)
        && (Project is not { } project || string.Equals(job.Key.Project, project, StringComparison.OrdinalIgnoreCase));
}
