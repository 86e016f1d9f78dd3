using System.Globalization;

namespace TaskWatch.Cloud;

/// <summary>
/// A cloud time such as <c>2021-07-12T09:22:04+0000</c>: kept as UTC when it parses, and as the raw
/// text (flagged) when it does not, so a new format never crashes a poll.
/// </summary>
public readonly record struct CloudTimestamp(DateTime? Utc, string Text)
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    public bool IsParsed => Utc.HasValue;

    public static CloudTimestamp? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        // "+0000" has no colon, which "zzz" wants; insert one so both "+0000" and "+00:00" read.
        var normalized = trimmed.Length > 5 && (trimmed[^5] is '+' or '-') && trimmed[^4..].All(char.IsAsciiDigit)
            ? trimmed[..^2] + ":" + trimmed[^2..]
            : trimmed;
        return DateTimeOffset.TryParseExact(normalized, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? new CloudTimestamp(value.UtcDateTime, text)
            : new CloudTimestamp(null, text);
    }

    /// <summary><c>2026-12-04T18:50:17Z</c>, as the DDS and GeminiDB list APIs take their time filters.</summary>
    public static string ToZulu(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>2026-12-04T18:50:17+0000</c>: the documented <c>yyyy-mm-ddThh:mm:ssZ</c> with a numeric offset (TaurusDB's list API).</summary>
    public static string ToOffsetForm(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+0000";

    /// <summary>Milliseconds since the epoch (UTC), as the RDS list API wants its time filters.</summary>
    public static long ToUnixMilliseconds(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
}
