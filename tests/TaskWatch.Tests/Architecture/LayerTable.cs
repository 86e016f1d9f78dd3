namespace TaskWatch.Tests.Architecture;

/// <summary>
/// The one table of which <c>src/</c> folder may use which, written along the data's flow:
/// configuration → cloud → storage → live → tracking (asks the cloud, hands to storage and live)
/// → insight and alerts → the UI and the API, with Hosting as the composition root.
/// Anything not listed here is a forbidden arrow.
/// </summary>
public static class LayerTable
{
    private static readonly string[] Base = ["Core", "Configuration"];

    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        ["Core"] = [],
        ["Configuration"] = ["Core"],
        ["Cloud"] = [.. Base],
        ["Storage"] = [.. Base],
        ["Live"] = [.. Base, "Storage"],
        ["Tracking"] = [.. Base, "Cloud", "Storage", "Live"],
        ["Insight"] = [.. Base, "Cloud", "Storage", "Live", "Tracking"],
        ["Alerts"] = [.. Base, "Cloud", "Storage", "Live", "Tracking", "Insight"],
        ["Simulator"] = [.. Base, "Cloud", "Storage", "Live", "Tracking"],
        ["Security"] = [.. Base],
        ["Api"] = [.. Base, "Cloud", "Storage", "Live", "Tracking", "Insight", "Security"],
        ["Components"] = [.. Base, "Cloud", "Storage", "Live", "Tracking", "Insight", "Alerts", "Security"],
        ["Operations"] = [.. Base, "Cloud", "Storage", "Live", "Tracking", "Simulator"],
        ["Hosting"] = [.. Base, "Cloud", "Storage", "Live", "Tracking", "Insight", "Alerts", "Simulator", "Security", "Api", "Components", "Operations"],
    };

    /// <summary>
    /// Arrows the code still has against the table, each to be removed as it is fixed
    /// (the test also fails when one of them is no longer there, so this list stays honest).
    /// </summary>
    public static readonly IReadOnlySet<string> KnownExceptions = new HashSet<string>(StringComparer.Ordinal)
    {
        "Alerts -> Api",
        "Components -> Api",
        "Configuration -> Alerts",
        "Configuration -> Cloud",
        "Live -> Cloud",
        "Operations -> Api",
        "Security -> Api",
        "Storage -> Cloud",
    };
}
