using TaskWatch.Core;

namespace TaskWatch.Insight;

/// <summary>
/// The words every view shows for an ETA: "about 14:32, usually 8–12 min", or "too little history"
/// rather than a guess. The time is formatted by the caller, in the viewer's zone.
/// </summary>
public static class EtaWording
{
    public static string? Describe(JobEta? eta, Func<DateTime, string> formatTime)
    {
        if (eta is null)
        {
            return null;
        }

        var usual = eta.HasTypical ? "usually " + DurationText.Range(eta.Median!.Value, eta.P90!.Value) : null;
        if (eta.EtaUtc is { } at)
        {
            var about = "about " + formatTime(at);
            return usual is null ? $"{about} (from progress; too little history for a range)" : $"{about}, {usual}";
        }

        return usual is null ? "too little history" : $"{usual}; running longer";
    }

    /// <summary>The tooltip: what the ETA rests on.</summary>
    public static string Basis(JobEta eta, int minimumRuns) => eta.Basis switch
    {
        EtaBasis.Progress => $"Extrapolated from this job's progress; {Runs(eta.Runs)} of this kind seen.",
        EtaBasis.Typical => $"From the median and 90th percentile of the last {Runs(eta.Runs)} of this kind.",
        _ => $"{Runs(eta.Runs)} of this kind seen; at least {minimumRuns} are needed for an estimate.",
    };

    private static string Runs(int n) => n == 1 ? "1 completed run" : $"{n} completed runs";
}
