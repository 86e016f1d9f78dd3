using System.Globalization;

namespace TaskWatch.Tracking.Leases;

/// <summary>
/// Reads the payload of a <see cref="PostgreSqlJobChangeFeed.Channel"/> notification (the JobChangeNotify trigger
/// and the update trigger of JobPollTimesBatch): comma-separated entries, each either a bare row id (the row
/// changed: read it) or <c>id:read:next</c>, a poll that changed only the row's poll times, given as UTC ticks
/// (empty for none). One payload carries up to 120 entries: a write batch's polls are one statement and its
/// trigger sends them together. Nothing a payload names is lost to an entry it cannot read: a malformed entry
/// whose row id it can read makes that row read (as a bare id would), and one without a row id asks for every
/// tracked job to be read; each is described in <c>problems</c> (entry, value, reason).
/// </summary>
public static class JobChangePayload
{
    /// <summary>
    /// Adds the payload's changed rows to <paramref name="changed"/> and its polls to <paramref name="polled"/> (a later
    /// poll of a row replaces an earlier one), and a description of each entry it could not read to
    /// <paramref name="problems"/>. Returns false when an entry named no row it could read: the caller reads every
    /// tracked job, else that change would be lost.
    /// </summary>
    public static bool Read(string payload, ISet<long> changed, IDictionary<long, JobPollTimes> polled, IList<string> problems)
    {
        var complete = true;
        var position = 0;
        foreach (var entry in payload.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            position++;
            var parts = entry.Split(':');
            if (Id(parts[0]) is not { } id)
            {
                problems.Add($"Entry {position} '{Shorten(entry)}': the row id '{Shorten(parts[0])}' is not a positive whole number; every tracked job is read again.");
                complete = false;
            }
            else if (parts.Length == 1)
            {
                changed.Add(id);
            }
            else if (parts.Length != 3)
            {
                problems.Add($"Entry {position} '{Shorten(entry)}': {parts.Length} fields, expected 1 (id) or 3 (id:read:next); row {id} is read instead.");
                changed.Add(id);
            }
            else if (!Time(parts[1], out var read))
            {
                problems.Add($"Entry {position} '{Shorten(entry)}': the last read '{Shorten(parts[1])}' is not UTC ticks (a whole number up to {DateTime.MaxValue.Ticks}, or empty); row {id} is read instead.");
                changed.Add(id);
            }
            else if (!Time(parts[2], out var next))
            {
                problems.Add($"Entry {position} '{Shorten(entry)}': the next poll '{Shorten(parts[2])}' is not UTC ticks (a whole number up to {DateTime.MaxValue.Ticks}, or empty); row {id} is read instead.");
                changed.Add(id);
            }
            else
            {
                polled[id] = new JobPollTimes(read, next);
            }
        }

        return complete;
    }

    private static long? Id(string text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    // A message names the value, not a whole foreign payload.
    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");

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
