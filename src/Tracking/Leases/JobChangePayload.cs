using System.Globalization;

namespace TaskWatch.Tracking.Leases;

/// <summary>
/// Reads the payload of a <see cref="PostgreSqlJobChangeFeed.Channel"/> notification (the JobChangeNotify and
/// JobPollTimesNotify triggers): comma-separated entries, each either a bare row id (the row changed: read it)
/// or <c>id:read:next</c>, a poll that changed only the row's poll times, given as UTC ticks (empty for none).
/// An entry it cannot read is skipped, as the previous release skipped the ones it did not know.
/// </summary>
public static class JobChangePayload
{
    /// <summary>Adds the payload's changed rows to <paramref name="changed"/> and its polls to <paramref name="polled"/> (a later poll of a row replaces an earlier one).</summary>
    public static void Read(string payload, ISet<long> changed, IDictionary<long, JobPollTimes> polled)
    {
        foreach (var entry in payload.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split(':');
            if (parts.Length == 1 && Id(parts[0]) is { } id)
            {
                changed.Add(id);
            }
            else if (parts.Length == 3 && Id(parts[0]) is { } polledId && Time(parts[1], out var read) && Time(parts[2], out var next))
            {
                polled[polledId] = new JobPollTimes(read, next);
            }
        }
    }

    private static long? Id(string text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static bool Time(string text, out DateTime? utc)
    {
        utc = null;
        if (text.Length == 0)
        {
            return true;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        utc = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }
}
