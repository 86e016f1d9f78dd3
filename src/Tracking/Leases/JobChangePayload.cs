using System.Globalization;
using System.Text;
using TaskWatch.Core;

namespace TaskWatch.Tracking.Leases;

/// <summary>
/// Reads the payload of a <see cref="PostgreSqlJobChangeFeed.Channel"/> notification (the insert trigger of
/// JobChangeNotify and the update trigger of JobChangesNotify): comma-separated entries, each one of
/// <list type="bullet">
/// <item>a bare row id: the row changed, read it (an insert, a change of what is not carried, an entry too long);</item>
/// <item><c>id:read:next</c>: a poll that changed only the row's poll times, given as UTC ticks (empty for none);</item>
/// <item><c>id:</c> and tagged fields joined by <c>:</c>, each a letter and the column's new value
/// (<see cref="Tags"/>): the columns a live view reads that the write changed. Numbers and UTC ticks are decimal,
/// text is base64 of its UTF-8 (a cloud's names and reasons may hold any character, the separators included), and
/// <c>-</c> is null.</item>
/// </list>
/// A payload carries as many entries as fit in PostgreSQL's 8000 bytes (a write batch's together). Nothing a payload
/// names is lost to an entry it cannot read: a malformed entry (or a tag a newer release added) whose row id it can
/// read makes that row read, as a bare id would, and one without a row id asks for every tracked job to be read;
/// each is described in <c>problems</c> (entry, value, reason).
/// </summary>
public static class JobChangePayload
{
    /// <summary>The tags of the tagged entries and the column each carries, as the trigger writes them.</summary>
    public static readonly IReadOnlyDictionary<char, string> Tags = new Dictionary<char, string>
    {
        ['s'] = "State", ['w'] = "StatusWord", ['p'] = "Progress", ['n'] = "Name", ['e'] = "EndedUtc", ['f'] = "FailReason",
        ['i'] = "InstanceId", ['m'] = "InstanceName", ['c'] = "CreatedUtc", ['l'] = "LastChangeUtc", ['h'] = "Phase",
        ['r'] = "LastReadUtc", ['x'] = "NextPollUtc", ['o'] = "LastErrorOutcome", ['g'] = "LastError", ['q'] = "ErrorSinceUtc",
        ['k'] = "ConsecutiveErrors", ['j'] = "EntitiesJson",
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Adds the payload's rows to read to <paramref name="changed"/> and the changes it carries to
    /// <paramref name="changes"/> (a later change of a row is applied over an earlier one, column by column), and a
    /// description of each entry it could not read to <paramref name="problems"/>. Returns false when an entry named no
    /// row it could read: the caller reads every tracked job, else that change would be lost.
    /// </summary>
    public static bool Read(string payload, ISet<long> changed, IDictionary<long, JobRowChange> changes, IList<string> problems)
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
                continue;
            }

            if (parts.Length == 1)
            {
                changed.Add(id);
                continue;
            }

            var change = parts[1].Length > 0 && char.IsAsciiLetter(parts[1][0]) ? Tagged(parts, out var problem) : PollTimes(parts, out problem);
            if (change is null)
            {
                problems.Add($"Entry {position} '{Shorten(entry)}': {problem}; row {id} is read instead.");
                changed.Add(id);
            }
            else
            {
                changes[id] = changes.TryGetValue(id, out var earlier) ? earlier.Then(change) : change;
            }
        }

        return complete;
    }

    private static JobRowChange? PollTimes(string[] parts, out string? problem)
    {
        problem = null;
        if (parts.Length != 3)
        {
            problem = $"{parts.Length} fields, expected 1 (id), 3 (id:read:next) or tagged fields (id:<letter><value>...)";
            return null;
        }

        if (!Time(parts[1], allowDash: false, out var read))
        {
            problem = $"the last read '{Shorten(parts[1])}' is not UTC ticks (a whole number up to {DateTime.MaxValue.Ticks}, or empty)";
            return null;
        }

        if (!Time(parts[2], allowDash: false, out var next))
        {
            problem = $"the next poll '{Shorten(parts[2])}' is not UTC ticks (a whole number up to {DateTime.MaxValue.Ticks}, or empty)";
            return null;
        }

        return JobRowChange.PollTimes(read, next);
    }

    private static JobRowChange? Tagged(string[] parts, out string? problem)
    {
        var change = new JobRowChange();
        Carried<ReadOutcome?>? outcome = null;
        Carried<string?>? errorText = null;
        for (var i = 1; i < parts.Length; i++)
        {
            var field = parts[i];
            if (field.Length == 0 || !Tags.TryGetValue(field[0], out var column))
            {
                problem = $"field {i} '{Shorten(field)}' has no tag this release reads (one of {string.Concat(Tags.Keys)} and the value)";
                return null;
            }

            var value = field[1..];
            bool ok;
            switch (field[0])
            {
                case 's': ok = Enum<JobState>(value, out var state); change = change with { State = new(state) }; break;
                case 'w': ok = Text(value, out var word); change = change with { StatusWord = new(word) }; break;
                case 'p': ok = Number(value, allowNull: true, out var progress); change = change with { Progress = new(progress) }; break;
                case 'n': ok = Text(value, out var name); change = change with { Name = new(name) }; break;
                case 'e': ok = Time(value, allowDash: true, out var ended); change = change with { EndedUtc = new(ended) }; break;
                case 'f': ok = Text(value, out var reason); change = change with { FailReason = new(reason) }; break;
                case 'i': ok = Text(value, out var instanceId); change = change with { InstanceId = new(instanceId) }; break;
                case 'm': ok = Text(value, out var instanceName); change = change with { InstanceName = new(instanceName) }; break;
                case 'c': ok = Time(value, allowDash: true, out var created); change = change with { CreatedUtc = new(created) }; break;
                case 'l': ok = Time(value, allowDash: true, out var lastChange); change = change with { LastChangeUtc = new(lastChange) }; break;
                case 'h': ok = Enum<PollPhase>(value, out var phase) && phase is not null; change = change with { Phase = new(phase ?? default) }; break;
                case 'r': ok = Time(value, allowDash: true, out var read); change = change with { LastReadUtc = new(read) }; break;
                case 'x': ok = Time(value, allowDash: true, out var next); change = change with { NextPollUtc = new(next) }; break;
                case 'o': ok = Enum<ReadOutcome>(value, out var o); outcome = new(o); break;
                case 'g': ok = Text(value, out var text); errorText = new(text); break;
                case 'q': ok = Time(value, allowDash: true, out var since); change = change with { ErrorSinceUtc = new(since) }; break;
                case 'j': ok = Text(value, out var entities); change = change with { EntitiesJson = new(entities) }; break;
                default: ok = Number(value, allowNull: false, out var errors) && errors >= 0; change = change with { ConsecutiveErrors = new(errors ?? 0) }; break;
            }

            if (!ok)
            {
                problem = $"the {column} '{Shorten(value)}' is not {Expected(field[0])}";
                return null;
            }
        }

        if (outcome.HasValue != errorText.HasValue)
        {
            problem = "the LastErrorOutcome (o) and LastError (g) travel together, one came alone";
            return null;
        }

        problem = null;
        return outcome is { } carriedOutcome && errorText is { } carriedText
            ? change with { LastError = new(new StoredError(carriedOutcome.Value, carriedText.Value)) }
            : change;
    }

    private static string Expected(char tag) => tag switch
    {
        'w' or 'n' or 'f' or 'i' or 'm' or 'g' or 'j' => "base64 of UTF-8 text, or '-'",
        's' or 'o' => "a known state's number, or '-'",
        'h' => "a known phase's number",
        'p' => "a whole number, or '-'",
        'k' => "a whole number",
        _ => $"UTC ticks (a whole number up to {DateTime.MaxValue.Ticks}), or '-'",
    };

    private static long? Id(string text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    // A message names the value, not a whole foreign payload.
    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");

    private static bool Number(string text, bool allowNull, out int? value)
    {
        value = null;
        if (allowNull && text == "-")
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            value = number;
            return true;
        }

        return false;
    }

    private static bool Enum<T>(string text, out T? value)
        where T : struct, System.Enum
    {
        value = null;
        if (text == "-")
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && System.Enum.IsDefined(typeof(T), number))
        {
            value = (T)System.Enum.ToObject(typeof(T), number);
            return true;
        }

        return false;
    }

    private static bool Text(string text, out string? value)
    {
        value = null;
        if (text == "-")
        {
            return true;
        }

        var bytes = new byte[text.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(text, bytes, out var length))
        {
            return false;
        }

        try
        {
            value = StrictUtf8.GetString(bytes, 0, length);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    // Poll-times entries write null as empty, tagged fields as "-".
    private static bool Time(string text, bool allowDash, out DateTime? utc)
    {
        utc = null;
        if (text.Length == 0 ? !allowDash : allowDash && text == "-")
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
