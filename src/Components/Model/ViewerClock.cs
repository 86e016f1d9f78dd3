using System.Globalization;

namespace TaskWatch.Components.Model;

/// <summary>
/// Shows UTC times in the viewer's zone (reported by the browser) or in UTC on request; one per
/// circuit. Until the browser answers it shows UTC, and says so.
/// </summary>
public sealed class ViewerClock(TimeProvider time)
{
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public bool ShowUtc { get; set; }

    public event Action? Changed;

    public TimeZoneInfo Effective => ShowUtc ? TimeZoneInfo.Utc : Zone;

    /// <summary>The zone's name as shown beside the times.</summary>
    public string ZoneLabel => Effective == TimeZoneInfo.Utc ? "UTC" : $"{Effective.Id} (UTC{Offset(Effective.GetUtcOffset(time.GetUtcNow()))})";

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// What the zone switch offers: the zone not shown now. Null while the browser's zone is UTC or not yet
    /// known, where there is nothing to switch to.
    /// </summary>
    public string? SwitchLabel => Zone == TimeZoneInfo.Utc ? null : ShowUtc ? $"Show in {Zone.Id}" : "Show in UTC";

    public void SetBrowserZone(string? ianaId)
    {
        if (!string.IsNullOrWhiteSpace(ianaId) && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone))
        {
            Zone = zone;
            Changed?.Invoke();
        }
    }

    public void Toggle()
    {
        ShowUtc = !ShowUtc;
        Changed?.Invoke();
    }

    /// <summary>A UTC time as the viewer's wall-clock time, in the zone shown.</summary>
    public DateTime ToViewer(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Effective);

    public string Format(DateTime? utc, string format = "yyyy-MM-dd HH:mm:ss") =>
        utc is { } t ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc), Effective).ToString(format, CultureInfo.InvariantCulture) : "—";

    public string FormatShort(DateTime? utc) => utc is { } t && (UtcNow - t).Duration() < TimeSpan.FromHours(20) ? Format(t, "HH:mm:ss") : Format(utc, "MM-dd HH:mm");

    public string Relative(DateTime? utc) => utc is { } t ? RelativeTime.Describe(UtcNow - t) : "—";

    /// <summary>A UTC time as a datetime-local input's value, in the zone shown.</summary>
    public string ToInput(DateTime? utc) => utc is { } t ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc), Effective).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>A datetime-local input's value, read in the zone shown, as UTC; null when empty or not a time.</summary>
    public DateTime? FromInput(string? value)
    {
        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A time skipped by a daylight-saving jump has no UTC twin: move past the gap.
        if (Effective.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, Effective);
    }

    /// <summary>A UTC time as the date and the time of day a date and a time picker show, in the zone shown.</summary>
    public (DateTime? Date, TimeSpan? TimeOfDay) ToPickers(DateTime? utc)
    {
        if (utc is not { } t)
        {
            return (null, null);
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc), Effective);
        return (local.Date, local.TimeOfDay);
    }

    /// <summary>A date and a time of day (midnight when none) read in the zone shown, as UTC; null without a date.</summary>
    public DateTime? FromPickers(DateTime? date, TimeSpan? timeOfDay) =>
        date is { } d ? FromInput((d.Date + (timeOfDay ?? TimeSpan.Zero)).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)) : null;

    private static string Offset(TimeSpan offset) => (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
