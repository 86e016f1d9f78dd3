using System.Globalization;

namespace TaskWatch.Insight;

/// <summary>Short human spans: "45 s", "8 min", "2 h 05 min".</summary>
public static class DurationText
{
    public static string Of(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        if (span < TimeSpan.FromMinutes(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalSeconds} s");
        }

        if (span < TimeSpan.FromHours(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Round(span.TotalMinutes)} min");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes:00} min");
    }

    /// <summary>"8–12 min" (one unit for both ends when they share it).</summary>
    public static string Range(TimeSpan low, TimeSpan high)
    {
        if (high < TimeSpan.FromHours(1) && low >= TimeSpan.FromMinutes(1))
        {
            var lo = (int)Math.Round(low.TotalMinutes);
            var hi = (int)Math.Round(high.TotalMinutes);
            return lo == hi ? $"{lo} min" : string.Create(CultureInfo.InvariantCulture, $"{lo}–{hi} min");
        }

        var a = Of(low);
        var b = Of(high);
        return a == b ? a : $"{a}–{b}";
    }
}
