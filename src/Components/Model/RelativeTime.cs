namespace TaskWatch.Components.Model;

/// <summary>"12 s ago", "5 min ago", "in 3 s": short enough for a grid cell.</summary>
public static class RelativeTime
{
    public static string Describe(TimeSpan ago)
    {
        var future = ago < TimeSpan.Zero;
        var span = ago.Duration();
        var text = span.TotalSeconds < 60 ? $"{(int)span.TotalSeconds} s"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes} min"
            : span.TotalHours < 48 ? $"{(int)span.TotalHours} h {span.Minutes} min"
            : $"{(int)span.TotalDays} d";
        return future ? $"in {text}" : $"{text} ago";
    }

    public static string Duration(TimeSpan span) =>
        span.TotalSeconds < 60 ? $"{(int)span.TotalSeconds} s"
        : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes} min {span.Seconds} s"
        : $"{(int)span.TotalHours} h {span.Minutes} min";
}
