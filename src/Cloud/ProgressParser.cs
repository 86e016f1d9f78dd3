using System.Globalization;

namespace TaskWatch.Cloud;

/// <summary>Reads "60", "60%", "60% " and "" (RDS <c>process</c>, DDS <c>progress</c>) as 0–100 or unknown.</summary>
public static class ProgressParser
{
    public static int? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var span = text.AsSpan().Trim();
        if (span.EndsWith("%"))
        {
            span = span[..^1].TrimEnd();
        }

        if (double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 100)
        {
            return (int)Math.Round(value, MidpointRounding.AwayFromZero);
        }

        return null;
    }
}
